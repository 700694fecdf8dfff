import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/ui/loading.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { emailFromState, PublicPage } from './public-page.tsx';

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
  const target = returnPath(location.state);
  const initialEmail = emailFromState(location.state) || (new URLSearchParams(location.search).get('email') ?? '');

  if (session.data) return <Navigate to={target} replace />;

  return (
    <PublicPage
      title={t('auth.signInTitle')}
      intro={t('auth.signInIntro')}
      footer={
        <>
          <p className="note">{t('auth.demoNote')}</p>
          <p className="form-link public-report-links">
            <Link className="button button-block" to="/report">
              {t('publicReport.reportLink')}
            </Link>
            <Link to="/report/status">{t('publicReport.statusLink')}</Link>
          </p>
        </>
      }
    >
      {session.isPending ? (
        <Loading />
      ) : (
        <SignInForm initialEmail={initialEmail} onSignedIn={() => void navigate(target, { replace: true })} />
      )}
    </PublicPage>
  );
}
