import type { UserDetail } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';

const BADGE_CLASS: Record<UserDetail['accountState'], string> = {
  invited: 'badge badge-info',
  active: 'badge badge-ok',
  disabled: 'badge badge-muted',
  locked: 'badge badge-warning',
};

export function AccountStateBadge({ state }: { state: UserDetail['accountState'] }) {
  const { t } = useLanguage();
  return <span className={BADGE_CLASS[state]}>{t(`people.state.${state}`)}</span>;
}

export function SecondFactorBadge({ isEnabled }: { isEnabled: boolean }) {
  const { t } = useLanguage();
  return isEnabled ? (
    <span className="badge badge-ok">{t('people.twoStepOn')}</span>
  ) : (
    <span className="badge badge-muted">{t('people.twoStepOff')}</span>
  );
}
