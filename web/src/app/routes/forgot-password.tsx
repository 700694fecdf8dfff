import { Link, useLocation } from 'react-router';
import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { emailFromState, PublicPage } from './public-page.tsx';

export function ForgotPasswordRoute() {
  const { t } = useLanguage();
  const location = useLocation();
  return (
    <PublicPage
      title={t('forgotPassword.title')}
      intro={t('forgotPassword.intro')}
      footer={
        <p className="form-link">
          <Link to="/sign-in">{t('forgotPassword.backToSignIn')}</Link>
        </p>
      }
    >
      <ForgotPasswordForm initialEmail={emailFromState(location.state)} />
    </PublicPage>
  );
}
