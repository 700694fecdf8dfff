import { formatBuddhistDate, toAsciiDigits } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { usePublicStatus } from '../api/public-report.ts';
import { normalizeTrackingCode } from '../utils/report-form.ts';

const TRACKING_CODE = /^[A-Z0-9]{5}-[A-Z0-9]{5}$/;
const PIN = /^\d{6}$/;

/**
 * Where a report stands, for its tracking code and PIN. The server answers an unknown code and a wrong PIN alike,
 * and so does this page: it never says which of the two was wrong.
 */
export function ReportStatusForm() {
  const { language, t } = useLanguage();
  const status = usePublicStatus();
  const [trackingCode, setTrackingCode] = useState('');
  const [pin, setPin] = useState('');
  const [wasTried, setWasTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const code = normalizeTrackingCode(trackingCode);
  const digits = toAsciiDigits(pin).trim();
  const codeError = wasTried && !TRACKING_CODE.test(code) ? t('publicReport.trackingCodeRequired') : null;
  const pinError = wasTried && !PIN.test(digits) ? t('publicReport.pinRequired') : null;

  useEffect(() => {
    if (status.isSuccess) resultRef.current?.focus();
  }, [status.isSuccess, status.data]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setWasTried(true);
    if (!TRACKING_CODE.test(code) || !PIN.test(digits)) {
      if (formRef.current) focusFirstProblem(formRef.current);
      return;
    }
    status.mutate(
      { trackingCode: code, pin: digits },
      {
        onError: () => {
          if (formRef.current) focusFirstProblem(formRef.current);
        },
      },
    );
  }

  const isNotFound = isApiError(status.error) && status.error.status === 404;

  return (
    <div className="stack-lg">
      <form ref={formRef} className="stack" onSubmit={handleSubmit} noValidate>
        {isNotFound ? (
          <div className="alert alert-error" role="alert">
            <p>{t('publicReport.notFound')}</p>
          </div>
        ) : status.error ? (
          <ErrorMessage error={status.error} />
        ) : null}
        <Field
          id={`${id}-code`}
          label={t('publicReport.trackingCode')}
          hint={t('publicReport.trackingCodeHint')}
          error={codeError}
        >
          {({ describedBy, isInvalid }) => (
            <input
              id={`${id}-code`}
              className="input-code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={14}
              value={trackingCode}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setTrackingCode(event.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-pin`} label={t('publicReport.pin')} hint={t('publicReport.pinHint')} error={pinError}>
          {({ describedBy, isInvalid }) => (
            <input
              id={`${id}-pin`}
              className="input-code"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={pin}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => setPin(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary button-block button-large" disabled={status.isPending}>
          {status.isPending ? t('publicReport.checking') : t('publicReport.check')}
        </button>
      </form>

      {status.data ? (
        <div ref={resultRef} tabIndex={-1} className="status-result" role="status">
          <p className="status-code">{status.data.trackingCode}</p>
          <dl className="details">
            <div>
              <dt>{t('publicReport.stageLabel')}</dt>
              <dd className={`status-stage status-${status.data.stage}`}>
                {t(`publicReport.stage.${status.data.stage}`)}
              </dd>
            </div>
            <div>
              <dt>{t('publicReport.receivedAt')}</dt>
              <dd>
                <time dateTime={status.data.receivedAt}>
                  {formatBuddhistDate(status.data.receivedAt, language, 'dateTime')}
                </time>
              </dd>
            </div>
            <div>
              <dt>{t('publicReport.updatedAt')}</dt>
              <dd>
                <time dateTime={status.data.updatedAt}>
                  {formatBuddhistDate(status.data.updatedAt, language, 'dateTime')}
                </time>
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
    </div>
  );
}
