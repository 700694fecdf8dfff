import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { HotlineConsole } from '../../features/intake/components/hotline-console.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** `/intake`: the hotline console — every call recorded, the ones that need help as routed cases. */
export function IntakeRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'cases.intake')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('intake.title')} intro={t('intake.intro')} />
      <HotlineConsole />
    </>
  );
}
