import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useRequestPasswordReset } from '../api/passwords.ts';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t } = useLanguage();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState(initialEmail);
  const [isMissing, setIsMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  useEffect(() => {
    if (request.isSuccess) doneRef.current?.focus();
  }, [request.isSuccess]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = email.trim();
    setIsMissing(!trimmed);
    if (!trimmed) {
      inputRef.current?.focus();
      return;
    }
    request.mutate(trimmed);
  }

  if (request.isSuccess) {
    return (
      <div ref={doneRef} tabIndex={-1} className="alert alert-success" role="status">
        <p>{t('forgotPassword.sent')}</p>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {request.error ? <ErrorMessage error={request.error} /> : null}
      <div className="field">
        <label htmlFor={`${ids}-email`}>{t('auth.email')}</label>
        <input
          ref={inputRef}
          id={`${ids}-email`}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={isMissing || undefined}
          aria-describedby={isMissing ? `${ids}-missing` : undefined}
        />
        {isMissing ? (
          <p id={`${ids}-missing`} className="field-error">
            {t('auth.emailRequired')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={request.isPending}>
        {request.isPending ? t('forgotPassword.sending') : t('forgotPassword.send')}
      </button>
    </form>
  );
}
