import { Link, useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { ProceduresOverview } from '../../features/procedures/components/procedures-overview.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';

/**
 * `/procedures`: the procedures (แนวทางการปฏิบัติ) every unit follows. Anyone signed in may read them; only
 * `procedures.manage` (central administrators) writes new versions and puts drafts in use.
 */
export function ProceduresRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('procedures.title')} intro={t('procedures.intro')} />
      <ul className="plain-list page-links">
        <li>
          <Link to="/holidays">{t('calendar.linkFromProcedures')}</Link>
        </li>
        <li>
          <Link to="/alarm-ladder">{t('alarms.ladder.linkFromProcedures')}</Link>
        </li>
      </ul>
      <ProceduresOverview canManage={hasPermission(session.user, 'procedures.manage')} />
    </>
  );
}
