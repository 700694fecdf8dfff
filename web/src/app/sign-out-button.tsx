import { useNavigate } from 'react-router';
import { useSignOut } from '../features/auth/api/session.ts';
import { useLanguage } from '../i18n/index.ts';

export function SignOutButton() {
  const { t } = useLanguage();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="button button-quiet button-on-dark"
      onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
      disabled={signOut.isPending}
    >
      {signOut.isPending ? t('auth.signingOut') : t('auth.signOut')}
    </button>
  );
}
