import type { RoleCode, RoleInfo } from '@oscc/contract';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useRoles } from '../../../lib/reference-data.ts';
import { ruleMatrix } from '../utils/rule-choices.ts';
import { useRuleTexts } from './condition-words.ts';
import { RuleEditor } from './rule-editor.tsx';

/** Every role with its level and second-factor rule, the permission matrix, and (for roles.manage) the editor. */
export function RolesOverview({ canManage }: { canManage: boolean }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const roles = useRoles();
  const [editing, setEditing] = useState<RoleCode | null>(null);
  const [saved, setSaved] = useState<RoleInfo | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const editedRole = roles.data?.find((role) => role.code === editing) ?? null;

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (roles.error) return <ErrorMessage error={roles.error} />;
  if (!roles.data) return <Loading />;

  return (
    <div className="stack-lg">
      {saved ? (
        <div ref={savedRef} tabIndex={-1} className="alert alert-success" role="status">
          <p>{t('roles.saved', { role: localizedRowName(saved, language) })}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby={`${ids}-roles`}>
        <h2 id={`${ids}-roles`} className="card-title">
          {t('roles.listHeading')}
        </h2>
        {canManage ? null : <p className="muted">{t('roles.readOnly')}</p>}
        <div className="table-scroll" role="region" aria-labelledby={`${ids}-roles`} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('roles.columnRole')}</th>
                <th scope="col">{t('roles.columnLevel')}</th>
                <th scope="col">{t('roles.columnTwoStep')}</th>
                {canManage ? <th scope="col">{t('roles.columnEdit')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {roles.data.map((role) => {
                const name = localizedRowName(role, language);
                return (
                  <tr key={role.code} className={role.code === editing ? 'row-selected' : undefined}>
                    <th scope="row">{name}</th>
                    <td data-label={t('roles.columnLevel')}>{t(`people.scope.${role.scopeLevel}`)}</td>
                    <td data-label={t('roles.columnTwoStep')}>
                      {role.requiresSecondFactor ? (
                        <span className="badge badge-info">{t('roles.twoStepRequired')}</span>
                      ) : (
                        <span className="badge badge-muted">{t('roles.twoStepNotRequired')}</span>
                      )}
                    </td>
                    {canManage ? (
                      <td className="cell-action">
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => {
                            setSaved(null);
                            setEditing(role.code);
                          }}
                        >
                          {t('roles.editRules')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {canManage && editedRole ? (
        <RuleEditor
          key={editedRole.code}
          role={editedRole}
          onCancel={() => setEditing(null)}
          onSaved={(role) => {
            setEditing(null);
            setSaved(role);
          }}
        />
      ) : null}
      <RuleMatrix roles={roles.data} />
    </div>
  );
}

/** Rows are actions, columns are roles, each cell the conditions in words ("—": not allowed). */
function RuleMatrix({ roles }: { roles: readonly RoleInfo[] }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const texts = useRuleTexts();
  return (
    <section className="card" aria-labelledby={`${ids}-matrix`}>
      <h2 id={`${ids}-matrix`} className="card-title">
        {t('roles.matrixHeading')}
      </h2>
      <p className="muted">{t('roles.matrixIntro')}</p>
      <div className="table-scroll" role="region" aria-labelledby={`${ids}-matrix`} tabIndex={0}>
        <table className="table rule-matrix">
          <thead>
            <tr>
              <th scope="col">{t('roles.columnAction')}</th>
              {roles.map((role) => (
                <th scope="col" key={role.code}>
                  {localizedRowName(role, language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ruleMatrix(roles).map((row) => (
              <tr key={row.action}>
                <th scope="row">{texts.actionLabel(row.action)}</th>
                {row.cells.map((cell, index) => {
                  const role = roles[index];
                  return (
                    <td
                      key={cell.role}
                      data-label={role ? localizedRowName(role, language) : cell.role}
                      className={cell.conditions ? undefined : 'cell-none'}
                    >
                      <RuleText text={texts.describe(cell.conditions)} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * A rule with each word kept whole: Thai has no spaces inside "หน่วยงานของตน", and a narrow column would otherwise
 * break it in the middle.
 */
function RuleText({ text }: { text: string }) {
  return (
    <>
      {text.split(' ').map((word, index) => (
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          <span className="rule-word">{word}</span>
        </Fragment>
      ))}
    </>
  );
}
