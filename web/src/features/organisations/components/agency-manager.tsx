import type { Agency } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useAgencies, useChangeAgency } from '../api/organisations.ts';
import { agencyBranchIds, buildAgencyTree, type AgencyNode } from '../utils/agency-tree.ts';
import { AgencyOptions } from './agency-select.tsx';
import { focusFirstProblem } from '../../../lib/form-focus.ts';

/** What a manager is doing to which agency; one at a time, shown right below that agency. */
type Action = { kind: 'create'; parentId: string | null } | { kind: 'edit' | 'move' | 'active'; agencyId: string };

const actionTarget = (action: Action) => (action.kind === 'create' ? action.parentId : action.agencyId);

interface AgencyManagerProps {
  canManage: boolean;
  canReadAudit: boolean;
}

/**
 * The agencies as a tree (nested lists, so the levels are heard as well as seen), with each agency's units and
 * its branch's; for managers, create, edit, move and close or reopen in place.
 */
export function AgencyManager({ canManage, canReadAudit }: AgencyManagerProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const agencies = useAgencies();
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState('');
  // Bumped to start an open form again from the latest data after a conflict.
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((current) => current + 1);
  const opener = useRef<HTMLElement | null>(null);
  const tree = agencies.data ? buildAgencyTree(agencies.data) : [];

  function open(next: Action, button: HTMLElement) {
    opener.current = button;
    setMessage('');
    setAction(next);
  }

  function cancel() {
    setAction(null);
    const button = opener.current;
    window.requestAnimationFrame(() => button?.focus());
  }

  /** After a change, focus goes to the agency's name in the (re-read) tree; the live region says what happened. */
  function finish(text: string, agencyId: string) {
    setAction(null);
    setMessage(text);
    let tries = 0;
    const focusRow = () => {
      const row = document.getElementById(`${ids}-agency-${agencyId}`);
      if (row) row.focus();
      else if ((tries += 1) < 20) window.setTimeout(focusRow, 100);
    };
    window.requestAnimationFrame(focusRow);
  }

  const name = (agency: Agency) => localizedRowName(agency, language);

  function renderPanel(target: string | null) {
    if (!action || actionTarget(action) !== target || !agencies.data) return null;
    const all = agencies.data;
    if (action.kind === 'create') {
      const parent = all.find((agency) => agency.id === action.parentId) ?? null;
      return (
        <AgencyForm
          key={generation}
          onReload={reload}
          agencies={all}
          heading={parent ? t('agencies.createUnder', { name: name(parent) }) : t('agencies.createHeading')}
          parentId={action.parentId}
          onCancel={cancel}
          onDone={(created) => finish(t('agencies.created', { name: name(created) }), created.id)}
        />
      );
    }
    const agency = all.find((item) => item.id === action.agencyId);
    if (!agency) return null;
    if (action.kind === 'edit')
      return (
        <AgencyForm
          key={generation}
          onReload={reload}
          agencies={all}
          agency={agency}
          heading={t('agencies.editHeading', { name: name(agency) })}
          parentId={agency.parentId}
          onCancel={cancel}
          onDone={(saved) => finish(t('agencies.saved', { name: name(saved) }), saved.id)}
        />
      );
    if (action.kind === 'move')
      return (
        <MoveAgencyForm
          key={generation}
          onReload={reload}
          agencies={all}
          agency={agency}
          onCancel={cancel}
          onDone={(moved) => finish(t('agencies.moved', { name: name(moved) }), moved.id)}
        />
      );
    return (
      <SetAgencyActiveForm
        key={generation}
        onReload={reload}
        agency={agency}
        onCancel={cancel}
        onDone={(changed) =>
          finish(
            changed.active
              ? t('agencies.reactivated', { name: name(changed) })
              : t('agencies.deactivated', { name: name(changed) }),
            changed.id,
          )
        }
      />
    );
  }

  function renderNodes(nodes: readonly AgencyNode[], level: number) {
    return (
      <ul className={level === 0 ? 'agency-tree' : 'agency-tree agency-subtree'}>
        {nodes.map((node) => {
          const { agency } = node;
          const agencyName = name(agency);
          return (
            <li key={agency.id} className={agency.active ? undefined : 'agency-inactive'}>
              <div className="agency-row">
                <div className="agency-row-text">
                  <span id={`${ids}-agency-${agency.id}`} className="agency-row-name" tabIndex={-1}>
                    {agencyName}
                    {agency.abbrTh && language === 'th' ? ` (${agency.abbrTh})` : ''}
                  </span>
                  <span className="agency-row-meta">
                    <span className="code">{agency.code}</span>
                    {' · '}
                    {t('agencies.unitCount', { count: agency.unitCount })}
                    {node.branchUnitCount !== agency.unitCount
                      ? ` · ${t('agencies.branchCount', { count: node.branchUnitCount })}`
                      : ''}
                    {agency.active ? null : (
                      <>
                        {' '}
                        <span className="badge badge-muted">{t('agencies.inactive')}</span>
                      </>
                    )}
                  </span>
                </div>
                <div
                  className="agency-row-actions"
                  role="group"
                  aria-label={t('agencies.actionsFor', { name: agencyName })}
                >
                  {node.branchUnitCount > 0 ? (
                    <Link className="button button-small" to={`/units?agency=${agency.id}`}>
                      {t('agencies.showUnits')}
                    </Link>
                  ) : null}
                  {canManage ? (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={action?.kind === 'edit' && action.agencyId === agency.id}
                        onClick={(event) => open({ kind: 'edit', agencyId: agency.id }, event.currentTarget)}
                      >
                        {t('agencies.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={action?.kind === 'move' && action.agencyId === agency.id}
                        onClick={(event) => open({ kind: 'move', agencyId: agency.id }, event.currentTarget)}
                      >
                        {t('agencies.move')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={action?.kind === 'active' && action.agencyId === agency.id}
                        onClick={(event) => open({ kind: 'active', agencyId: agency.id }, event.currentTarget)}
                      >
                        {agency.active ? t('agencies.deactivate') : t('agencies.reactivate')}
                      </button>
                      {agency.active ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-expanded={action?.kind === 'create' && action.parentId === agency.id}
                          onClick={(event) => open({ kind: 'create', parentId: agency.id }, event.currentTarget)}
                        >
                          {t('agencies.addChild')}
                        </button>
                      ) : null}
                    </>
                  ) : null}
                  {canReadAudit ? (
                    <Link
                      className="button button-small"
                      to={`/audit?entityType=agency&entityId=${encodeURIComponent(agency.id)}`}
                    >
                      {t('agencies.history')}
                    </Link>
                  ) : null}
                </div>
              </div>
              {renderPanel(agency.id)}
              {node.children.length > 0 ? renderNodes(node.children, level + 1) : null}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('agencies.treeHeading')}
        </h2>
        {canManage ? (
          <button
            type="button"
            className="button"
            aria-expanded={action?.kind === 'create' && action.parentId === null}
            onClick={(event) => open({ kind: 'create', parentId: null }, event.currentTarget)}
          >
            {t('agencies.addTop')}
          </button>
        ) : null}
      </div>
      <p className="muted" role="status" aria-live="polite">
        {message}
      </p>
      {renderPanel(null)}
      {agencies.error ? <ErrorMessage error={agencies.error} /> : null}
      {agencies.isPending ? <Loading /> : null}
      {agencies.data && tree.length === 0 ? <p>{t('agencies.empty')}</p> : null}
      {tree.length > 0 ? renderNodes(tree, 0) : null}
    </section>
  );
}

/** The refusals an agency change can meet, in words that say what to do. */
function AgencyChangeError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { language, t } = useLanguage();
  if (!error) return null;
  if (isApiError(error) && error.code === 'CONFLICT')
    return (
      <div className="alert alert-error stack" role="alert">
        <p>{t('agencies.conflict')}</p>
        <button type="button" className="button" onClick={onReload}>
          {t('units.reload')}
        </button>
      </div>
    );
  if (isApiError(error) && error.status === 403)
    return (
      <div className="alert alert-error" role="alert">
        <p>{error.messages[language]}</p>
        <p>{t('agencies.forbidden')}</p>
      </div>
    );
  if (isApiError(error) && error.code === 'STILL_IN_USE')
    return (
      <div className="alert alert-error" role="alert">
        <p>{t('agencies.stillInUse')}</p>
      </div>
    );
  // Field problems are shown next to their fields.
  if (isApiError(error) && error.code === 'VALIDATION_FAILED') return null;
  return <ErrorMessage error={error} />;
}

function usePanelHeading() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

interface AgencyFormProps {
  agencies: readonly Agency[];
  /** The agency being edited; none for a new one. */
  agency?: Agency;
  heading: string;
  parentId: string | null;
  onCancel: () => void;
  onDone: (agency: Agency) => void;
  /** Starts the form again from the latest data, after someone else changed the agency. */
  onReload: () => void;
}

function AgencyForm({ agencies, agency, heading, parentId, onCancel, onDone, onReload }: AgencyFormProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const headingRef = usePanelHeading();
  const change = useChangeAgency();
  // The version read when the form opened: a later change by someone else must be a conflict, not overwritten.
  const [version] = useState(agency?.version ?? 0);
  const [values, setValues] = useState({
    code: agency?.code ?? '',
    nameTh: agency?.nameTh ?? '',
    abbrTh: agency?.abbrTh ?? '',
    nameEn: agency?.nameEn ?? '',
    parentId: parentId ?? '',
  });
  const [missing, setMissing] = useState<string[]>([]);
  const errors: Record<string, string> = fieldErrors(change.error, language);
  if (isApiError(change.error) && change.error.code === 'CODE_IN_USE') errors['code'] = change.error.messages[language];
  for (const field of missing) errors[field] = t('units.fieldRequired');
  const optional = (text: string) => text.trim() || null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const nowMissing = (['code', 'nameTh'] as const).filter((field) => !values[field].trim());
    setMissing(nowMissing);
    if (nowMissing.length > 0) {
      focusFirstProblem(form);
      return;
    }
    const fields = {
      code: values.code.trim(),
      nameTh: values.nameTh.trim(),
      abbrTh: optional(values.abbrTh),
      nameEn: optional(values.nameEn),
    };
    const options = { onSuccess: onDone, onError: () => focusFirstProblem(form) };
    if (agency) change.mutate({ kind: 'update', id: agency.id, input: { ...fields, version } }, options);
    else change.mutate({ kind: 'create', input: { ...fields, parentId: values.parentId || null } }, options);
  }

  const text = (
    name: 'code' | 'nameTh' | 'abbrTh' | 'nameEn',
    options: { required?: boolean; hint?: string; maxLength: number },
  ) => (
    <Field
      id={`${ids}-${name}`}
      label={
        options.required ? `${t(`agencies.field.${name}`)} ${t('units.requiredMark')}` : t(`agencies.field.${name}`)
      }
      hint={options.hint}
      error={errors[name]}
    >
      {({ describedBy, isInvalid }) => (
        <input
          id={`${ids}-${name}`}
          autoComplete="off"
          maxLength={options.maxLength}
          value={values[name]}
          onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
          aria-required={options.required || undefined}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <AgencyChangeError error={change.error} onReload={onReload} />
      <div className="form-grid">
        {text('nameTh', { required: true, maxLength: 200 })}
        {text('abbrTh', { maxLength: 40 })}
        {text('nameEn', { maxLength: 200 })}
        {text('code', { required: true, hint: t('agencies.codeHint'), maxLength: 40 })}
        {agency ? null : (
          <Field id={`${ids}-parent`} label={t('agencies.field.parentId')} error={errors['parentId']}>
            {({ describedBy, isInvalid }) => (
              <select
                id={`${ids}-parent`}
                value={values.parentId}
                onChange={(event) => setValues((current) => ({ ...current, parentId: event.target.value }))}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('agencies.topLevel')}</option>
                <AgencyOptions agencies={agencies} />
              </select>
            )}
          </Field>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? t('agencies.saving') : agency ? t('agencies.save') : t('agencies.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('agencies.cancel')}
        </button>
      </div>
    </form>
  );
}

function MoveAgencyForm({
  agencies,
  agency,
  onCancel,
  onDone,
  onReload,
}: {
  agencies: readonly Agency[];
  agency: Agency;
  onCancel: () => void;
  onDone: (agency: Agency) => void;
  onReload: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const headingRef = usePanelHeading();
  const change = useChangeAgency();
  const [version] = useState(agency.version);
  const [parentId, setParentId] = useState(agency.parentId ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const branch = agencyBranchIds(agencies, agency.id);
  const serverProblem =
    isApiError(change.error) && change.error.code === 'VALIDATION_FAILED' ? change.error.fields[0] : undefined;
  const error =
    problem ??
    (serverProblem?.code === 'cycle' ? t('agencies.cycle') : (fieldErrors(change.error, language)['parentId'] ?? null));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = (parentId || null) === agency.parentId ? t('agencies.sameParent') : null;
    setProblem(found);
    if (found) {
      select.current?.focus();
      return;
    }
    change.mutate(
      { kind: 'move', id: agency.id, input: { parentId: parentId || null, version } },
      { onSuccess: onDone, onError: () => select.current?.focus() },
    );
  }

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {t('agencies.moveHeading', { name: localizedRowName(agency, language) })}
      </h3>
      <AgencyChangeError error={change.error} onReload={onReload} />
      <Field id={`${ids}-parent`} label={t('agencies.field.parentId')} hint={t('agencies.moveHint')} error={error}>
        {({ describedBy, isInvalid }) => (
          <select
            ref={select}
            id={`${ids}-parent`}
            value={parentId}
            onChange={(event) => setParentId(event.target.value)}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
          >
            <option value="">{t('agencies.topLevel')}</option>
            <AgencyOptions agencies={agencies} disabledIds={branch} />
          </select>
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? t('agencies.saving') : t('agencies.moveSubmit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('agencies.cancel')}
        </button>
      </div>
    </form>
  );
}

function SetAgencyActiveForm({
  agency,
  onCancel,
  onDone,
  onReload,
}: {
  agency: Agency;
  onCancel: () => void;
  onDone: (agency: Agency) => void;
  onReload: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const headingRef = usePanelHeading();
  const change = useChangeAgency();
  const [version] = useState(agency.version);
  const [reason, setReason] = useState('');
  const isClosing = agency.active;
  const agencyName = localizedRowName(agency, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    change.mutate(
      {
        kind: 'active',
        id: agency.id,
        input: { active: !isClosing, version, ...(trimmed ? { reason: trimmed } : {}) },
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {isClosing
          ? t('agencies.deactivateHeading', { name: agencyName })
          : t('agencies.reactivateHeading', { name: agencyName })}
      </h3>
      <p>{isClosing ? t('agencies.deactivateIntro') : t('agencies.reactivateIntro')}</p>
      <Field id={`${ids}-reason`} label={t('agencies.reason')} hint={t('agencies.reasonHint')}>
        {({ describedBy }) => (
          <textarea
            id={`${ids}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <AgencyChangeError error={change.error} onReload={onReload} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {isClosing ? t('agencies.confirmDeactivate') : t('agencies.confirmReactivate')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('agencies.cancel')}
        </button>
      </div>
    </form>
  );
}
