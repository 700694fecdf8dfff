import { formatBuddhistDate, type UserDetail } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { useResendInvitation, useUpdateUser } from '../api/people.ts';
import {
  formatThaiMobile,
  formFromUser,
  missingFields,
  toUserFields,
  type UserFormValues,
} from '../utils/user-form.ts';
import { fullNameTh } from '../utils/names.ts';
import { AccountStateBadge, SecondFactorBadge } from './account-state.tsx';
import { focusFirstProblem, useMissingMessages } from './form-problems.ts';
import { PersonFields } from './person-fields.tsx';
import { RoleWithScope } from './role-scope.tsx';
import { UserRolesEditor } from './user-roles-editor.tsx';

interface UserDetailsProps {
  user: UserDetail;
  canManage: boolean;
  /** Whether to link to the person's history in the audit trail. */
  canReadAudit: boolean;
  /** Throws away what is on screen and reads the person again (after someone else changed them). */
  onReload: () => void;
}

export function UserDetails({ user, canManage, canReadAudit, onReload }: UserDetailsProps) {
  const { language, t } = useLanguage();
  const [isEditing, setIsEditing] = useState(false);
  const [isEditingRoles, setIsEditingRoles] = useState(false);
  const [areRolesSaved, setAreRolesSaved] = useState(false);
  const rolesSavedRef = useRef<HTMLDivElement>(null);
  const update = useUpdateUser(user.id);
  const invite = useResendInvitation(user.id);
  const ids = useId();
  const isConflict = isApiError(update.error) && update.error.code === 'CONFLICT';
  const historyPath = `/audit?entityType=user&entityId=${encodeURIComponent(user.id)}`;

  // After the roles are saved, focus goes to the confirmation, which sits where the editor was.
  useEffect(() => {
    if (areRolesSaved) rolesSavedRef.current?.focus();
  }, [areRolesSaved]);

  function setStatus(status: 'active' | 'disabled') {
    update.mutate({ version: user.version, status });
  }

  function reload() {
    update.reset();
    setIsEditing(false);
    setIsEditingRoles(false);
    onReload();
  }

  return (
    <div className="stack-lg">
      {isConflict ? (
        <div className="alert alert-error" role="alert">
          <p>{t('people.conflict')}</p>
          <button type="button" className="button" onClick={reload}>
            {t('people.reload')}
          </button>
        </div>
      ) : null}
      {isEditingRoles ? (
        <UserRolesEditor
          user={user}
          onSaved={() => {
            setIsEditingRoles(false);
            setAreRolesSaved(true);
          }}
          onCancel={() => setIsEditingRoles(false)}
          onReload={reload}
        />
      ) : isEditing ? (
        <UserEditForm
          user={user}
          update={update}
          onDone={() => setIsEditing(false)}
          onCancel={() => {
            update.reset();
            setIsEditing(false);
          }}
        />
      ) : (
        <section className="card stack" aria-labelledby={`${ids}-details`}>
          <h2 id={`${ids}-details`} className="card-title">
            {t('people.detailsHeading')}
          </h2>
          {update.isSuccess ? (
            <div className="alert alert-success" role="status">
              <p>{t('people.saved')}</p>
            </div>
          ) : null}
          {areRolesSaved ? (
            <div ref={rolesSavedRef} tabIndex={-1} className="alert alert-success" role="status">
              <p>{t('people.rolesEditor.saved')}</p>
              {canReadAudit ? (
                <p>
                  <Link to={historyPath}>{t('people.history')}</Link>
                </p>
              ) : null}
            </div>
          ) : null}
          {update.error && !isConflict ? <ErrorMessage error={update.error} /> : null}
          <dl className="details">
            <div>
              <dt>{t('people.columnName')}</dt>
              <dd>
                {fullNameTh(user)}
                {user.firstNameEn || user.lastNameEn ? (
                  <span className="muted" lang="en">
                    {' '}
                    ({[user.firstNameEn, user.lastNameEn].filter(Boolean).join(' ')})
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t('people.field.email')}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt>{t('people.field.mobile')}</dt>
              <dd>{user.mobile ? formatThaiMobile(user.mobile) : t('home.none')}</dd>
            </div>
            <div>
              <dt>{t('people.field.position')}</dt>
              <dd>{user.position ?? t('home.none')}</dd>
            </div>
            <div>
              <dt>{t('people.unit')}</dt>
              <dd>{user.unit?.nameTh ?? t('home.none')}</dd>
            </div>
            <div>
              <dt>{t('people.field.supervisor')}</dt>
              <dd>
                {user.supervisor ? (
                  <Link to={`/users/${user.supervisor.id}`}>{user.supervisor.nameTh}</Link>
                ) : (
                  t('home.none')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('people.field.birthDate')}</dt>
              <dd>{user.birthDate ? formatBuddhistDate(`${user.birthDate}T12:00:00Z`, language) : t('home.none')}</dd>
            </div>
            <div>
              <dt>{t('people.field.gender')}</dt>
              <dd>{user.gender ? t(`people.gender.${user.gender}`) : t('home.none')}</dd>
            </div>
            <div>
              <dt>{t('people.columnRoles')}</dt>
              <dd>
                {user.roles.length === 0 ? (
                  t('home.none')
                ) : (
                  <ul className="plain-list">
                    {user.roles.map((role) => (
                      <li key={`${role.role}:${role.scopeRef ?? ''}`}>
                        <RoleWithScope role={role} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('people.columnState')}</dt>
              <dd className="badge-row">
                <AccountStateBadge state={user.accountState} />
                <SecondFactorBadge isEnabled={user.secondFactorEnabled} />
              </dd>
            </div>
          </dl>
          {canManage ? (
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setAreRolesSaved(false);
                  setIsEditing(true);
                }}
              >
                {t('people.edit')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  update.reset();
                  setAreRolesSaved(false);
                  setIsEditingRoles(true);
                }}
              >
                {t('people.changeRoles')}
              </button>
              {user.status === 'active' ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setStatus('disabled')}
                  disabled={update.isPending}
                >
                  {t('people.disable')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  onClick={() => setStatus('active')}
                  disabled={update.isPending}
                >
                  {t('people.enable')}
                </button>
              )}
              {user.accountState === 'invited' ? (
                <button type="button" className="button" onClick={() => invite.mutate()} disabled={invite.isPending}>
                  {t('people.resendInvitation')}
                </button>
              ) : null}
            </div>
          ) : null}
          {invite.error ? <ErrorMessage error={invite.error} /> : null}
          <p role="status" className="muted">
            {invite.isSuccess ? t('people.invitationSent') : ''}
          </p>
          {canReadAudit && !areRolesSaved ? (
            <p>
              <Link to={historyPath}>{t('people.history')}</Link>
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}

interface UserEditFormProps {
  user: UserDetail;
  update: ReturnType<typeof useUpdateUser>;
  onDone: () => void;
  onCancel: () => void;
}

function UserEditForm({ user, update, onDone, onCancel }: UserEditFormProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [values, setValues] = useState<UserFormValues>(() => formFromUser(user));
  const [unitName, setUnitName] = useState<string | null>(user.unit?.nameTh ?? null);
  const [supervisorName, setSupervisorName] = useState<string | null>(user.supervisor?.nameTh ?? null);
  const [missing, setMissing] = useState<string[]>([]);
  const missingMessages = useMissingMessages(missing);
  const serverErrors = fieldErrors(update.error, language);
  if (isApiError(update.error) && update.error.code === 'EMAIL_IN_USE') {
    serverErrors['email'] = update.error.messages[language];
  }
  const errors = { ...serverErrors, ...missingMessages };
  const isConflict = isApiError(update.error) && update.error.code === 'CONFLICT';
  const showGeneralError = update.error && !isConflict && Object.keys(serverErrors).length === 0;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nowMissing = missingFields(values);
    setMissing(nowMissing);
    const form = event.currentTarget;
    if (nowMissing.length > 0) {
      focusFirstProblem(form);
      return;
    }
    update.mutate(
      { ...toUserFields(values), version: user.version },
      { onSuccess: onDone, onError: () => focusFirstProblem(form) },
    );
  }

  return (
    <form className="card stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        {t('people.editHeading')}
      </h2>
      {showGeneralError ? <ErrorMessage error={update.error} /> : null}
      <PersonFields
        idPrefix={`${ids}-person`}
        values={values}
        onChange={setValues}
        unitName={unitName}
        onUnitNameChange={setUnitName}
        supervisorName={supervisorName}
        onSupervisorNameChange={setSupervisorName}
        personId={user.id}
        errors={errors}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.isPending || isConflict}>
          {update.isPending ? t('people.saving') : t('people.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
