import type { UnitDetail } from '@oscc/contract';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ui/error-message.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useUnit } from '../../features/organisations/api/organisations.ts';
import { UnitDetails } from '../../features/organisations/components/unit-details.tsx';
import { UnitForm } from '../../features/organisations/components/unit-form.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api.ts';
import { hasPermission, localizedRowName } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute, NotFoundRoute } from './errors.tsx';

/** What the page before said it did, carried in the navigation's state. */
type Notice = 'created' | 'saved';

function readNotice(state: unknown): Notice | null {
  const notice = (state as { notice?: unknown } | null)?.notice;
  return notice === 'created' || notice === 'saved' ? notice : null;
}

/** /units/:id: one unit with everything about it; managers get its changes. */
export function UnitRoute() {
  const { session } = useOutletContext<ShellContext>();
  if (!hasPermission(session.user, 'organisations.read')) return <ForbiddenRoute />;
  return (
    <UnitPage
      canManage={hasPermission(session.user, 'organisations.manage')}
      canReadAudit={hasPermission(session.user, 'audit.read')}
    />
  );
}

function UnitPage({ canManage, canReadAudit }: { canManage: boolean; canReadAudit: boolean }) {
  const { language, t } = useLanguage();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const unit = useUnit(id);
  const notice = readNotice(location.state);
  // Said once: a reload or a later visit through history must not say "saved" again.
  const isShown = notice !== null && unit.data !== undefined;
  useEffect(() => {
    if (isShown) void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [isShown, location.pathname, location.search, navigate]);
  if (isApiError(unit.error) && (unit.error.status === 404 || unit.error.status === 400)) return <NotFoundRoute />;
  return (
    <>
      <PageHeading title={unit.data ? localizedRowName(unit.data, language) : t('units.unitTitle')} />
      <div className="stack-lg">
        <p>
          <Link to="/units">{t('units.backToList')}</Link>
        </p>
        {unit.error ? <ErrorMessage error={unit.error} /> : null}
        {unit.isPending ? <Loading /> : null}
        {unit.data ? (
          <UnitDetails
            key={unit.data.id}
            unit={unit.data}
            canManage={canManage}
            canReadAudit={canReadAudit}
            notice={notice === 'created' ? t('units.created') : notice === 'saved' ? t('units.saved') : null}
            onReload={() => void unit.refetch()}
          />
        ) : null}
      </div>
    </>
  );
}

/** /units/new */
export function NewUnitRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const navigate = useNavigate();
  if (!hasPermission(session.user, 'organisations.manage')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('units.createTitle')} />
      <div className="stack-lg">
        <p>
          <Link to="/units">{t('units.backToList')}</Link>
        </p>
        <UnitForm
          cancelTo="/units"
          onSaved={(created: UnitDetail) =>
            navigate(`/units/${created.id}`, { state: { notice: 'created' satisfies Notice } })
          }
        />
      </div>
    </>
  );
}

/** /units/:id/edit */
export function EditUnitRoute() {
  const { session } = useOutletContext<ShellContext>();
  if (!hasPermission(session.user, 'organisations.manage')) return <ForbiddenRoute />;
  return <EditUnitPage />;
}

function EditUnitPage() {
  const { language, t } = useLanguage();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const unit = useUnit(id);
  // Bumped after a reload, so the form starts again from the unit as it is now.
  const [generation, setGeneration] = useState(0);
  if (isApiError(unit.error) && (unit.error.status === 404 || unit.error.status === 400)) return <NotFoundRoute />;
  return (
    <>
      <PageHeading
        title={unit.data ? `${t('units.editTitle')}: ${localizedRowName(unit.data, language)}` : t('units.editTitle')}
      />
      <div className="stack-lg">
        <p>
          <Link to={`/units/${encodeURIComponent(id)}`}>{t('units.backToUnit')}</Link>
        </p>
        {unit.error ? <ErrorMessage error={unit.error} /> : null}
        {unit.isPending ? <Loading /> : null}
        {unit.data ? (
          <UnitForm
            key={`${unit.data.id}:${generation}`}
            unit={unit.data}
            cancelTo={`/units/${unit.data.id}`}
            onReload={() => void unit.refetch().then(() => setGeneration((current) => current + 1))}
            onSaved={(saved) => navigate(`/units/${saved.id}`, { state: { notice: 'saved' satisfies Notice } })}
          />
        ) : null}
      </div>
    </>
  );
}
