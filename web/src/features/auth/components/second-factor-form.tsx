import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { useSecondFactorSignIn } from '../api/session.ts';

interface SecondFactorFormProps {
  challenge: string;
  onSignedIn: () => void;
  /** The challenge ran out (or the account locked): back to e-mail and password, saying why. */
  onRestart: (reason: unknown) => void;
}

export function SecondFactorForm({ challenge, onSignedIn, onRestart }: SecondFactorFormProps) {
  const { t } = useLanguage();
  const verify = useSecondFactorSignIn();
  const [code, setCode] = useState('');
  const [isMissing, setIsMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  // The step replaces the password form: focus moves to its only input.
  useEffect(() => inputRef.current?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.trim();
    setIsMissing(!trimmed);
    if (!trimmed) {
      inputRef.current?.focus();
      return;
    }
    verify.mutate(
      { challenge, code: trimmed },
      {
        onSuccess: (answer) => {
          if (answer.status === 'signed_in') onSignedIn();
        },
        onError: (error) => {
          if (isApiError(error) && (error.code === 'SIGN_IN_EXPIRED' || error.code === 'ACCOUNT_LOCKED')) {
            onRestart(error);
            return;
          }
          setCode('');
          inputRef.current?.focus();
        },
      },
    );
  }

  const describedBy = [`${ids}-hint`, isMissing ? `${ids}-missing` : null].filter(Boolean).join(' ');
  return (
    <form className="stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        {t('auth.secondFactorTitle')}
      </h2>
      {verify.error ? <ErrorMessage error={verify.error} /> : null}
      <div className="field">
        <label htmlFor={`${ids}-code`}>{t('auth.secondFactorLabel')}</label>
        <p id={`${ids}-hint`} className="field-hint">
          {t('auth.secondFactorHint')}
        </p>
        <input
          ref={inputRef}
          id={`${ids}-code`}
          name="code"
          type="text"
          className="input-code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-invalid={isMissing || undefined}
          aria-describedby={describedBy}
        />
        {isMissing ? (
          <p id={`${ids}-missing`} className="field-error">
            {t('auth.secondFactorRequired')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={verify.isPending}>
        {verify.isPending ? t('auth.verifying') : t('auth.verify')}
      </button>
      <button type="button" className="button button-quiet button-block" onClick={() => onRestart(null)}>
        {t('auth.backToPassword')}
      </button>
    </form>
  );
}
