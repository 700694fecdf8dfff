import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { MIN_PASSWORD_LENGTH, useSetPassword, type PasswordLinkPurpose } from '../api/passwords.ts';

interface SetPasswordFormProps {
  token: string;
  purpose: PasswordLinkPurpose;
  email: string;
  onDone: () => void;
}

type Problem = 'passwordRequired' | 'passwordTooShort' | 'confirmRequired' | 'mismatch';

export function SetPasswordForm({ token, purpose, email, onDone }: SetPasswordFormProps) {
  const { language, t } = useLanguage();
  const setPassword = useSetPassword();
  const [password, setPasswordText] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const serverProblem = fieldErrors(setPassword.error, language)['password'];
  const passwordProblem =
    problem === 'passwordRequired' || problem === 'passwordTooShort' ? t(`setPassword.${problem}`) : serverProblem;
  const confirmProblem = problem === 'confirmRequired' || problem === 'mismatch' ? t(`setPassword.${problem}`) : null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Problem | null = !password
      ? 'passwordRequired'
      : password.length < MIN_PASSWORD_LENGTH
        ? 'passwordTooShort'
        : !confirmation
          ? 'confirmRequired'
          : confirmation !== password
            ? 'mismatch'
            : null;
    setProblem(next);
    if (next) {
      (next === 'passwordRequired' || next === 'passwordTooShort' ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setPassword.mutate(
      { token, purpose, password },
      { onSuccess: onDone, onError: () => passwordRef.current?.focus() },
    );
  }

  const passwordDescribedBy = [`${ids}-rule`, passwordProblem ? `${ids}-password-problem` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {setPassword.error && !serverProblem ? <ErrorMessage error={setPassword.error} /> : null}
      {/* The account's name for password managers, which save the new password under it. */}
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label htmlFor={`${ids}-password`}>{t('setPassword.newPassword')}</label>
        <p id={`${ids}-rule`} className="field-hint">
          {t('setPassword.rule', { count: MIN_PASSWORD_LENGTH })}
        </p>
        <input
          ref={passwordRef}
          id={`${ids}-password`}
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPasswordText(event.target.value)}
          aria-invalid={passwordProblem ? true : undefined}
          aria-describedby={passwordDescribedBy}
        />
        {passwordProblem ? (
          <p id={`${ids}-password-problem`} className="field-error">
            {passwordProblem}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-confirm`}>{t('setPassword.confirmPassword')}</label>
        <input
          ref={confirmRef}
          id={`${ids}-confirm`}
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          aria-invalid={confirmProblem ? true : undefined}
          aria-describedby={confirmProblem ? `${ids}-confirm-problem` : undefined}
        />
        {confirmProblem ? (
          <p id={`${ids}-confirm-problem`} className="field-error">
            {confirmProblem}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={setPassword.isPending}>
        {setPassword.isPending ? t('setPassword.saving') : t('setPassword.save')}
      </button>
    </form>
  );
}
