import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useSignIn } from '../api/session.ts';
import { SecondFactorForm } from './second-factor-form.tsx';

interface SignInFormProps {
  onSignedIn: () => void;
  /** Filled in when the person arrives from setting a password. */
  initialEmail?: string;
}

type MissingField = 'email' | 'password';

/** Sign-in in one or two steps: e-mail and password, then — for people who use it — the authenticator code. */
export function SignInForm({ onSignedIn, initialEmail = '' }: SignInFormProps) {
  const [challenge, setChallenge] = useState<string | null>(null);
  const [expired, setExpired] = useState<unknown>(null);

  if (challenge) {
    return (
      <SecondFactorForm
        challenge={challenge}
        onSignedIn={onSignedIn}
        onRestart={(reason) => {
          setExpired(reason);
          setChallenge(null);
        }}
      />
    );
  }
  return (
    <PasswordForm
      initialEmail={initialEmail}
      notice={expired}
      onSignedIn={onSignedIn}
      onSecondFactor={(next) => {
        setExpired(null);
        setChallenge(next);
      }}
    />
  );
}

interface PasswordFormProps {
  initialEmail: string;
  /** Why the person is back at this step (the second step expired), shown until they try again. */
  notice: unknown;
  onSignedIn: () => void;
  onSecondFactor: (challenge: string) => void;
}

function PasswordForm({ initialEmail, notice, onSignedIn, onSecondFactor }: PasswordFormProps) {
  const { t } = useLanguage();
  const signIn = useSignIn();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<MissingField | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const emailErrorId = `${ids}-email-error`;
  const passwordErrorId = `${ids}-password-error`;
  const shownError: unknown = signIn.error ?? (signIn.isIdle ? notice : null);

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
        onSuccess: (answer) => {
          if (answer.status === 'second_factor_required') onSecondFactor(answer.challenge);
          else onSignedIn();
        },
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
      aria-describedby={shownError ? `${ids}-error` : undefined}
    >
      {shownError ? <ErrorMessage id={`${ids}-error`} error={shownError} /> : null}
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
      <p className="form-link">
        <Link to="/forgot-password" state={{ email: email.trim() }}>
          {t('auth.forgotPassword')}
        </Link>
      </p>
    </form>
  );
}
