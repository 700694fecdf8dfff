import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { REASON_MAX_LENGTH } from '../utils/case-view.ts';

interface ReasonFormProps {
  heading: string;
  /** What will happen, said before the reason is asked (the merge warns that it cannot be undone). */
  note?: ReactNode;
  reasonLabel: string;
  confirmLabel: string;
  isWarning?: boolean;
  isPending: boolean;
  error: unknown;
  /** How the error is told, when the caller knows it better than the server's words (the referral refusals). */
  renderError?: (error: unknown) => ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A confirmation that asks why (linking and merging are recorded with their reason); its heading takes focus. */
export function ReasonForm({
  heading,
  note,
  reasonLabel,
  confirmLabel,
  isWarning = false,
  isPending,
  error,
  renderError,
  onConfirm,
  onCancel,
}: ReasonFormProps) {
  const { t } = useLanguage();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [isMissing, setIsMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setIsMissing(true);
      input.current?.focus();
      return;
    }
    onConfirm(reason.trim());
  }

  return (
    <form
      className={isWarning ? 'alert alert-warning stack reason-form' : 'panel stack reason-form'}
      aria-labelledby={`${ids}-heading`}
      onSubmit={handleSubmit}
      noValidate
    >
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {note}
      <Field id={`${ids}-reason`} label={reasonLabel} error={isMissing ? t('cases.related.reasonMissing') : null}>
        {({ describedBy, isInvalid }) => (
          <textarea
            ref={input}
            id={`${ids}-reason`}
            rows={2}
            required
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setIsMissing(false);
            }}
          />
        )}
      </Field>
      {error ? renderError ? renderError(error) : <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? t('intake.saving') : confirmLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={isPending}>
          {t('cases.related.cancel')}
        </button>
      </div>
    </form>
  );
}
