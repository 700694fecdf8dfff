import type { UserDetail } from '@oscc/contract';
import { useState } from 'react';
import { Link, useNavigate, useOutletContext, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ui/error-message.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useUser } from '../../features/people/api/people.ts';
import { ImportUsers } from '../../features/people/components/import-users.tsx';
import { UserCreateForm } from '../../features/people/components/user-create-form.tsx';
import { UserDetails } from '../../features/people/components/user-details.tsx';
import { UserList } from '../../features/people/components/user-list.tsx';
import { fullNameTh } from '../../features/people/utils/names.ts';
import { useLanguage } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api.ts';
import { hasPermission } from '../../lib/format.ts';
import { useProvinces } from '../../lib/reference-data.ts';
import type { ShellContext } from '../app-shell.tsx';
import { ForbiddenRoute, NotFoundRoute } from './errors.tsx';

export function UsersRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const provinces = useProvinces();
  if (!hasPermission(session.user, 'users.read')) return <ForbiddenRoute />;
  const canManage = hasPermission(session.user, 'users.manage');
  const canImport = hasPermission(session.user, 'users.import');
  return (
    <>
      <PageHeading title={t('people.title')} intro={t('people.intro')} />
      <div className="stack-lg">
        {canManage || canImport ? (
          <div className="button-row">
            {canManage ? (
              <Link to="/users/new" className="button button-primary">
                {t('people.addUser')}
              </Link>
            ) : null}
            {canImport ? (
              <Link to="/users/import" className="button">
                {t('people.importUsers')}
              </Link>
            ) : null}
          </div>
        ) : null}
        <UserList provinces={provinces.data} />
      </div>
    </>
  );
}

export function NewUserRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [created, setCreated] = useState<UserDetail | null>(null);
  if (!hasPermission(session.user, 'users.manage')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('people.createTitle')} />
      <div className="stack-lg">
        <p>
          <Link to="/users">{t('people.backToList')}</Link>
        </p>
        {created ? (
          <div className="card stack">
            <div className="alert alert-success" role="status">
              <p>{t('people.invitationSentTo', { name: fullNameTh(created), email: created.email })}</p>
            </div>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => navigate(`/users/${created.id}`)}>
                {t('people.openCreated')}
              </button>
              <button type="button" className="button" onClick={() => setCreated(null)}>
                {t('people.addAnother')}
              </button>
            </div>
          </div>
        ) : (
          <div className="card">
            <UserCreateForm onCreated={setCreated} />
          </div>
        )}
      </div>
    </>
  );
}

/** /users/import: the Front Line 1 workbook, dry run first, then the import. */
export function ImportUsersRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  if (!hasPermission(session.user, 'users.import')) return <ForbiddenRoute />;
  return (
    <>
      <PageHeading title={t('importUsers.title')} intro={t('importUsers.intro')} />
      <div className="stack-lg">
        <p>
          <Link to="/users">{t('people.backToList')}</Link>
        </p>
        <ImportUsers />
      </div>
    </>
  );
}

export function UserRoute() {
  const { session } = useOutletContext<ShellContext>();
  if (!hasPermission(session.user, 'users.read')) return <ForbiddenRoute />;
  return (
    <UserPage
      canManage={hasPermission(session.user, 'users.manage')}
      canReadAudit={hasPermission(session.user, 'audit.read')}
    />
  );
}

function UserPage({ canManage, canReadAudit }: { canManage: boolean; canReadAudit: boolean }) {
  const { t } = useLanguage();
  const { id = '' } = useParams();
  const user = useUser(id);
  if (isApiError(user.error) && (user.error.status === 404 || user.error.status === 400)) {
    return <NotFoundRoute />;
  }
  return (
    <>
      <PageHeading title={user.data ? fullNameTh(user.data) : t('people.userTitle')} />
      <div className="stack-lg">
        <p>
          <Link to="/users">{t('people.backToList')}</Link>
        </p>
        {user.error ? <ErrorMessage error={user.error} /> : null}
        {user.isPending ? <Loading /> : null}
        {user.data ? (
          <UserDetails
            key={user.data.id}
            user={user.data}
            canManage={canManage}
            canReadAudit={canReadAudit}
            onReload={() => void user.refetch()}
          />
        ) : null}
      </div>
    </>
  );
}
