import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { MyWorkList } from '../../features/cases/components/my-work-list.tsx';
import { useLanguage } from '../../i18n/index.ts';
import type { ShellContext } from '../app-shell.tsx';
import { isAllowed, NAVIGATION } from '../navigation.ts';
import { ForbiddenRoute } from './errors.tsx';

/** `/my-work`: what the signed-in person must do next — referrals, steps, tasks, follow-ups, approvals. */
export function MyWorkRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const requires = NAVIGATION.find((item) => item.to === '/my-work')?.requires;
  if (!isAllowed(requires, session.user.permissions)) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('myWork.title')} intro={t('myWork.intro')} />
      <MyWorkList />
    </>
  );
}
