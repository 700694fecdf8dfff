import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { AuditTrail } from '../../features/audit/components/audit-trail.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** `/audit?entityType=&entityId=&action=&from=&to=&actor=`: the audit trail within the reader's scope. */
export function AuditRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'audit.read')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('audit.title')} intro={t('audit.intro')} />
      <AuditTrail />
    </>
  );
}
