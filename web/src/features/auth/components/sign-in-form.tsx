import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useSignIn } from '../api/session.ts';

interface SignInFormProps {
  onSignedIn: () => void;
}

type MissingField = 'email' | 'password';

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const { t } = useLanguage();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<MissingField | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const emailErrorId = `${ids}-email-error`;
  const passwordErrorId = `${ids}-password-error`;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Our own messages instead of the browser's: those would come in the browser's language, not the app's.
    const firstMissing: MissingField | null = !email.trim() ? 'email' : !password ? 'password' : null;
    setMissing(firstMissing);
    if (firstMissing) {
      (firstMissing === 'email' ? emailRef : passwordRef).current?.focus();
      return;
    }
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: onSignedIn,
        onError: () => {
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  }

  return (
    <form
      className="stack"
      onSubmit={handleSubmit}
      noValidate
      aria-describedby={signIn.error ? `${ids}-error` : undefined}
    >
      {signIn.error ? <ErrorMessage id={`${ids}-error`} error={signIn.error} /> : null}
      <div className="field">
        <label htmlFor={`${ids}-email`}>{t('auth.email')}</label>
        <input
          ref={emailRef}
          id={`${ids}-email`}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={missing === 'email' || undefined}
          aria-describedby={missing === 'email' ? emailErrorId : undefined}
        />
        {missing === 'email' ? (
          <p id={emailErrorId} className="field-error">
            {t('auth.emailRequired')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-password`}>{t('auth.password')}</label>
        <input
          ref={passwordRef}
          id={`${ids}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={missing === 'password' || undefined}
          aria-describedby={missing === 'password' ? passwordErrorId : undefined}
        />
        {missing === 'password' ? (
          <p id={passwordErrorId} className="field-error">
            {t('auth.passwordRequired')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
