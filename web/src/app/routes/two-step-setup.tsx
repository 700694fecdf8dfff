import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/ui/language-switch.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useSession } from '../../features/auth/api/session.ts';
import { TwoStepSetup } from '../../features/auth/components/two-step-setup.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { personName } from '../../lib/format.ts';
import { SignOutButton } from '../sign-out-button.tsx';

/**
 * The only page for someone who must set up two-step verification first: no menu (nothing else would work),
 * but signing out stays possible.
 */
export function TwoStepSetupRoute() {
  const { language, t } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  // Once the recovery codes are on screen, a fresh session (now verified) must not take them away unseen.
  const [isShowingCodes, setIsShowingCodes] = useState(false);
  const [isFinishing, setIsFinishing] = useState(false);

  if (session.isPending) {
    return (
      <main className="centered-page">
        <Loading />
      </main>
    );
  }
  if (!session.data) return <Navigate to="/sign-in" replace />;
  if (session.data.secondFactor !== 'enrolment_required' && !isShowingCodes) return <Navigate to="/" replace />;

  async function finish() {
    setIsFinishing(true);
    await session.refetch();
    setIsFinishing(false);
    void navigate('/', { replace: true });
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">
              1300
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </span>
          <div className="header-tools">
            <div className="person">
              <span className="visually-hidden">{t('auth.signedInAs')} </span>
              <span className="person-name">{personName(session.data.user, language)}</span>
            </div>
            <div className="header-actions">
              <LanguageSwitch className="button-on-dark" />
              <SignOutButton />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        <PageHeading title={t('twoStep.title')} intro={t('twoStep.intro')} />
        <div className="card">
          <TwoStepSetup
            onConfirmed={() => setIsShowingCodes(true)}
            onFinished={() => void finish()}
            isFinishing={isFinishing}
          />
        </div>
      </main>
      <footer className="site-footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
