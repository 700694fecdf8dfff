import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/ui/language-switch.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** Where to go after signing in: back to the page that sent the person here, if it was one of ours. */
function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in' ? from : '/';
}

export function SignInRoute() {
  const { t } = useLanguage();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useDocumentTitle(t('auth.signInTitle'));
  const target = returnPath(location.state);

  if (session.data) return <Navigate to={target} replace />;

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            1300
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch className="button-on-dark" />
      </header>
      <main className="sign-in-main">
        <div className="card sign-in-card">
          <h1 id="page-title" tabIndex={-1}>
            {t('auth.signInTitle')}
          </h1>
          <p className="muted">{t('auth.signInIntro')}</p>
          {session.isPending ? <Loading /> : <SignInForm onSignedIn={() => void navigate(target, { replace: true })} />}
          <p className="note">{t('auth.demoNote')}</p>
        </div>
        <p className="sign-in-tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
