import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { RolesOverview } from '../../features/roles/components/roles-overview.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';

/**
 * `/roles`: the roles and what each may do. Anyone signed in may read them (GET /api/roles is open to them, and
 * knowing the rules is no secret); only `roles.manage` edits them, and only they see the page in the menu.
 */
export function RolesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('roles.title')} intro={t('roles.intro')} />
      <RolesOverview canManage={hasPermission(session.user, 'roles.manage')} />
    </>
  );
}
