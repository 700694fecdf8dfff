import { useOutletContext, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { RoutingPreviewPanel } from '../../features/routing/components/routing-preview.tsx';
import { previewFromSearch, searchFromPreview } from '../../features/routing/utils/routing-preview.ts';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute } from './errors.tsx';

/** `/routing`: what the routing rules would do for a problem and a place. The question lives in the address bar. */
export function RoutingRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('routing.title')} intro={t('routing.intro')} />
      <RoutingPreviewPanel
        asked={previewFromSearch(search)}
        onAsk={(request) => setSearch(searchFromPreview(request))}
        canManageProblemTypes={hasPermission(session.user, 'organisations.manage')}
      />
    </>
  );
}
