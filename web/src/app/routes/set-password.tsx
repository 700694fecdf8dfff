import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ui/error-message.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { isPasswordLinkPurpose, usePasswordLink } from '../../features/auth/api/passwords.ts';
import { SetPasswordForm } from '../../features/auth/components/set-password-form.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { PublicPage } from './public-page.tsx';

/** Opened from the invitation or password-reset e-mail: /set-password?purpose=…&token=… */
export function SetPasswordRoute() {
  const { t } = useLanguage();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const token = search.get('token') ?? '';
  const purposeText = search.get('purpose');
  const purpose = isPasswordLinkPurpose(purposeText) ? purposeText : null;
  const link = usePasswordLink(token, purpose);
  const [isDone, setIsDone] = useState(false);
  const title = purpose === 'invitation' ? t('setPassword.titleInvitation') : t('setPassword.titleReset');
  const resetLink = (
    <p className="form-link">
      <Link to="/forgot-password">{t('setPassword.requestNewLink')}</Link>
    </p>
  );

  if (!token || !purpose) {
    return (
      <PublicPage title={title}>
        <div className="alert alert-error" role="alert">
          <p>{t('setPassword.linkIncomplete')}</p>
        </div>
        {resetLink}
      </PublicPage>
    );
  }
  if (link.isPending) {
    return (
      <PublicPage title={title}>
        <Loading />
      </PublicPage>
    );
  }
  if (link.error) {
    return (
      <PublicPage title={title}>
        <ErrorMessage error={link.error} />
        {resetLink}
      </PublicPage>
    );
  }
  const { email } = link.data;
  if (isDone) {
    return (
      <PublicPage title={title}>
        <div className="alert alert-success" role="status">
          <p>{t('setPassword.done')}</p>
        </div>
        <button
          type="button"
          className="button button-primary button-block"
          onClick={() => void navigate('/sign-in', { state: { email } })}
        >
          {t('setPassword.goToSignIn')}
        </button>
      </PublicPage>
    );
  }
  return (
    <PublicPage title={title} intro={t('setPassword.intro', { email })}>
      <SetPasswordForm token={token} purpose={purpose} email={email} onDone={() => setIsDone(true)} />
    </PublicPage>
  );
}
