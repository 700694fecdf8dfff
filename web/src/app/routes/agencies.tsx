import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { AgencyManager } from '../../features/organisations/components/agency-manager.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** /agencies: the hierarchy of ministries, departments and their divisions. */
export function AgenciesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('agencies.title')} intro={t('agencies.intro')} />
      <AgencyManager
        canManage={hasPermission(session.user, 'organisations.manage')}
        canReadAudit={hasPermission(session.user, 'audit.read')}
      />
    </>
  );
}
