import type { RoleCode, UserDetail } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useRoles } from '../../../lib/reference-data.ts';
import { useUpdateUserRoles } from '../api/people.ts';
import {
  draftProblems,
  draftsFromUser,
  isSameAsCurrent,
  levelOf,
  MAX_ROLES,
  newDraft,
  roleLevels,
  rolesSaveProblem,
  toRoleInputs,
  withRole,
  type DraftProblem,
  type RoleAssignmentDraft,
  type RoleLevels,
} from '../utils/role-assignments.ts';
import { focusFirstProblem } from './form-problems.ts';
import { RoleSelect, ScopeSelect } from './role-selects.tsx';
import { UnitSelect } from './unit-select.tsx';

interface UserRolesEditorProps {
  user: UserDetail;
  onSaved: () => void;
  onCancel: () => void;
  /** Throws the editor away and reads the person again (after someone else changed them). */
  onReload: () => void;
}

/**
 * A person's role assignments, replaced as a whole (PUT /api/users/:id/roles with the version read). Each role's
 * scope level comes from the server's roles; the server also checks that every role given or taken lies within
 * the editor's own reach and that a central administrator remains.
 */
export function UserRolesEditor({ user, onSaved, onCancel, onReload }: UserRolesEditorProps) {
  const { t } = useLanguage();
  const ids = useId();
  const roles = useRoles();
  const levels = roleLevels(roles.data);
  const save = useUpdateUserRoles(user.id);
  const [drafts, setDrafts] = useState<RoleAssignmentDraft[]>(() => draftsFromUser(user));
  const [isChecked, setIsChecked] = useState(false);
  const [isUnchanged, setIsUnchanged] = useState(false);
  const nextKey = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const saveProblemRef = useRef<HTMLDivElement>(null);
  const problems = isChecked ? draftProblems(drafts, levels) : new Map<string, DraftProblem>();
  const saveProblem = rolesSaveProblem(save.error);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // The server's answer appears above the rows; on a phone the save button is far below it, so focus goes there.
  useEffect(() => {
    if (save.error) saveProblemRef.current?.focus();
  }, [save.error]);

  function change(key: string, update: (draft: RoleAssignmentDraft) => RoleAssignmentDraft) {
    setDrafts((current) => current.map((draft) => (draft.key === key ? update(draft) : draft)));
    setIsUnchanged(false);
  }

  function add() {
    nextKey.current += 1;
    setDrafts((current) => [...current, newDraft(`new-${nextKey.current}`, user)]);
    setIsUnchanged(false);
  }

  function remove(key: string) {
    setDrafts((current) => current.filter((draft) => draft.key !== key));
    setIsUnchanged(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setIsChecked(true);
    if (draftProblems(drafts, levels).size > 0) {
      focusFirstProblem(form);
      return;
    }
    if (isSameAsCurrent(drafts, user, levels)) {
      setIsUnchanged(true);
      return;
    }
    save.mutate({ version: user.version, roles: toRoleInputs(drafts, levels) }, { onSuccess: onSaved });
  }

  const saveMessage =
    saveProblem === 'forbidden'
      ? t('people.rolesEditor.forbidden')
      : saveProblem === 'lastAdmin'
        ? t('people.rolesEditor.lastAdmin')
        : saveProblem === 'scopeLevel'
          ? t('people.rolesEditor.scopeLevel')
          : null;

  return (
    <form className="card stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1} className="card-title">
        {t('people.rolesEditor.heading')}
      </h2>
      <p className="muted">{t('people.rolesEditor.intro')}</p>
      {saveProblem ? (
        <div ref={saveProblemRef} tabIndex={-1} className="focus-target">
          {saveProblem === 'conflict' ? (
            <div className="alert alert-error stack" role="alert">
              <p>{t('people.conflict')}</p>
              <button type="button" className="button" onClick={onReload}>
                {t('people.reload')}
              </button>
            </div>
          ) : saveMessage ? (
            <div className="alert alert-error" role="alert">
              <p>{saveMessage}</p>
            </div>
          ) : (
            <ErrorMessage error={save.error} />
          )}
        </div>
      ) : null}
      {problems.size > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('people.rolesEditor.fixProblems')}</p>
        </div>
      ) : null}
      {drafts.length === 0 ? (
        <p className="note">{t('people.rolesEditor.none')}</p>
      ) : (
        <ol className="plain-list stack">
          {drafts.map((draft, index) => (
            <li key={draft.key}>
              <RoleAssignmentFields
                idPrefix={`${ids}-${draft.key}`}
                number={index + 1}
                draft={draft}
                levels={levels}
                problem={problems.get(draft.key) ?? null}
                onChange={(next) => change(draft.key, () => next)}
                onRoleChange={(role) => change(draft.key, (current) => withRole(current, role, levels, user))}
                onRemove={() => remove(draft.key)}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="stack">
        <p>
          <button type="button" className="button" onClick={add} disabled={drafts.length >= MAX_ROLES}>
            {t('people.rolesEditor.add')}
          </button>
        </p>
        {drafts.length >= MAX_ROLES ? (
          <p className="hint">{t('people.rolesEditor.maxReached', { count: MAX_ROLES })}</p>
        ) : null}
      </div>
      <p role="status" className="muted">
        {isUnchanged ? t('people.rolesEditor.unchanged') : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending || saveProblem === 'conflict'}>
          {save.isPending ? t('people.saving') : t('people.rolesEditor.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}

interface RoleAssignmentFieldsProps {
  idPrefix: string;
  number: number;
  draft: RoleAssignmentDraft;
  levels: RoleLevels;
  problem: DraftProblem | null;
  onChange: (draft: RoleAssignmentDraft) => void;
  onRoleChange: (role: RoleCode | '') => void;
  onRemove: () => void;
}

/** One role and its scope: a unit (searched), a province, a ministry, or nothing to choose for the nation. */
function RoleAssignmentFields({
  idPrefix,
  number,
  draft,
  levels,
  problem,
  onChange,
  onRoleChange,
  onRemove,
}: RoleAssignmentFieldsProps) {
  const { t } = useLanguage();
  const level = levelOf(draft, levels);
  const roleError =
    problem === 'roleRequired'
      ? t('people.rolesEditor.roleRequired')
      : problem === 'duplicate'
        ? t('people.rolesEditor.duplicate')
        : null;
  const scopeError = problem === 'scopeRequired' ? t('people.scopeRequired') : null;

  return (
    <fieldset className="fieldset role-assignment">
      <legend>{t('people.rolesEditor.assignment', { number })}</legend>
      <div className="role-assignment-grid">
        <RoleSelect
          id={`${idPrefix}-role`}
          value={draft.role}
          hint={level ? t('people.rolesEditor.level', { level: t(`people.scope.${level}`) }) : undefined}
          error={roleError}
          onChange={onRoleChange}
        />
        {level === 'nation' ? <p className="scope-note">{t('people.scopeNation')}</p> : null}
        {level === 'province' || level === 'ministry' ? (
          <ScopeSelect
            idPrefix={idPrefix}
            level={level}
            scope={draft}
            error={scopeError}
            onChange={(change) => onChange({ ...draft, ...change })}
          />
        ) : null}
        {level === 'unit' ? (
          <UnitSelect
            id={`${idPrefix}-unit`}
            label={`${t('people.rolesEditor.scopeUnit')} ${t('people.requiredMark')}`}
            value={draft.unitId}
            selectedName={draft.unitName}
            error={scopeError}
            onChange={(unit) => onChange({ ...draft, unitId: unit?.id ?? '', unitName: unit?.nameTh ?? null })}
          />
        ) : null}
      </div>
      <p className="role-assignment-remove">
        <button type="button" className="button button-small" onClick={onRemove}>
          {t('people.rolesEditor.remove')}
          <span className="visually-hidden"> {t('people.rolesEditor.assignment', { number })}</span>
        </button>
      </p>
    </fieldset>
  );
}
