import { Navigate, useLocation } from 'react-router';
import { ErrorMessage } from '../../components/ui/error-message.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { useLanguage } from '../../i18n/index.ts';
import { AppShell } from '../app-shell.tsx';

export const TWO_STEP_SETUP_PATH = '/two-step-setup';

/**
 * The gate to every page after sign-in: no session, no shell. A person whose role needs two-step verification
 * and who has not set it up yet gets only the set-up page (the server refuses everything else until then).
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const { t } = useLanguage();

  if (session.isPending) {
    return (
      <main className="centered-page">
        <Loading />
      </main>
    );
  }
  if (session.error) {
    return (
      <main className="centered-page">
        <div className="card narrow stack">
          <ErrorMessage error={session.error} />
          <button type="button" className="button button-primary" onClick={() => void session.refetch()}>
            {t('errors.retry')}
          </button>
        </div>
      </main>
    );
  }
  if (!session.data) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (session.data.secondFactor === 'enrolment_required') return <Navigate to={TWO_STEP_SETUP_PATH} replace />;
  return <AppShell session={session.data} />;
}
