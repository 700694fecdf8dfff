import { useOutletContext, useParams, useSearchParams, Link } from 'react-router';
import { ErrorMessage } from '../../components/ui/error-message.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { parseCaseQueue, useCase } from '../../features/cases/api/cases.ts';
import { CaseQueue } from '../../features/cases/components/case-queue.tsx';
import { CaseView } from '../../features/cases/components/case-view.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute, NotFoundRoute } from './errors.tsx';

/** `/cases/screening?queue=triage&province=70&offset=25`: the screening queues (`queue=mine`: cases handed to me). */
export function CaseScreeningRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  if (!hasPermission(session.user, 'cases.screen')) return <ForbiddenRoute />;
  const queue = parseCaseQueue(search.get('queue'));
  const provinceParam = search.get('province');
  const provinceCode = provinceParam && /^\d{2}$/.test(provinceParam) ? provinceParam : null;
  const offset = Math.max(0, Math.floor(Number(search.get('offset')) || 0));
  return (
    <>
      <PageHeading title={t('cases.queue.title')} intro={t('cases.queue.intro')} />
      <CaseQueue
        queue={queue}
        provinceCode={provinceCode}
        offset={offset}
        onChange={(next) => {
          const params = new URLSearchParams();
          if (next.queue !== 'screening') params.set('queue', next.queue);
          if (next.provinceCode) params.set('province', next.provinceCode);
          if (next.offset > 0) params.set('offset', String(next.offset));
          setSearch(params);
        }}
      />
    </>
  );
}

/** `/cases/:id`: one case, with screening, related cases and attachments. */
export function CaseRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { id = '' } = useParams();
  if (!hasPermission(session.user, 'cases.read')) return <ForbiddenRoute />;
  // A new case starts its panels afresh (a half-typed reason belongs to the case it was typed for).
  return (
    <CasePage
      key={id}
      id={id}
      canScreen={hasPermission(session.user, 'cases.screen')}
      canWork={hasPermission(session.user, 'cases.work')}
      canAudit={hasPermission(session.user, 'audit.read')}
      userId={session.user.id}
    />
  );
}

function CasePage({
  id,
  canScreen,
  canWork,
  canAudit,
  userId,
}: {
  id: string;
  canScreen: boolean;
  canWork: boolean;
  canAudit: boolean;
  userId: string;
}) {
  const { t } = useLanguage();
  const detail = useCase(id);
  if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.code === 'VALIDATION_FAILED'))
    return <NotFoundRoute />;
  return (
    <>
      <PageHeading
        title={
          detail.data ? t('cases.detail.title', { caseNumber: detail.data.caseNumber }) : t('cases.detail.loadingTitle')
        }
      />
      {canScreen ? (
        <p className="back-link">
          <Link to="/cases/screening">{t('cases.detail.back')}</Link>
        </p>
      ) : null}
      {detail.error ? <ErrorMessage error={detail.error} /> : null}
      {detail.isPending ? <Loading /> : null}
      {detail.data ? (
        <CaseView detail={detail.data} canScreen={canScreen} canWork={canWork} canAudit={canAudit} userId={userId} />
      ) : null}
    </>
  );
}
