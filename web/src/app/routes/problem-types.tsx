import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { ProblemTypeManager } from '../../features/routing/components/problem-type-manager.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/**
 * `/problem-types`: the problem-type taxonomy and each type's lead ministry. People who may read organisations
 * see it; `organisations.manage` adds and edits types (the server takes changes from nation-wide managers only).
 */
export function ProblemTypesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('problemTypes.title')} intro={t('problemTypes.intro')} />
      <ProblemTypeManager canManage={hasPermission(session.user, 'organisations.manage')} />
    </>
  );
}
