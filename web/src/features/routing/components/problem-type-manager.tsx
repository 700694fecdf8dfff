import type { Agency, ProblemType } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedProblem } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useAgencies, useChangeProblemType, useProblemTypes } from '../api/routing.ts';
import {
  emptyProblemTypeValues,
  leadAgencyName,
  ministries,
  newProblemTypeRequest,
  nextSortOrder,
  normaliseCode,
  problemTypeInput,
  problemTypeProblems,
  problemTypeValues,
  serverFieldProblems,
  sortProblemTypes,
  type ProblemTypeFormValues,
} from '../utils/problem-type-form.ts';

type Action = { kind: 'create' } | { kind: 'edit'; code: string };

/**
 * The problem-type taxonomy as a table; for managers, a form above it to add a type or change one (names,
 * urgency, lead ministry, order, in use or not). Saving refreshes the shared list every other screen reads.
 */
export function ProblemTypeManager({ canManage }: { canManage: boolean }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const problemTypes = useProblemTypes();
  const agencies = useAgencies();
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState('');
  const opener = useRef<HTMLElement | null>(null);
  const types = problemTypes.data ? sortProblemTypes(problemTypes.data) : [];

  function open(next: Action, button: HTMLElement) {
    opener.current = button;
    setMessage('');
    setAction(next);
  }

  function close() {
    setAction(null);
    const button = opener.current;
    window.requestAnimationFrame(() => button?.focus());
  }

  function finish(text: string, code: string) {
    setAction(null);
    setMessage(text);
    // Focus goes back to the row's edit button once the list has been read again.
    let tries = 0;
    const focusRow = () => {
      const button = document.getElementById(`${ids}-edit-${code}`);
      if (button) button.focus();
      else if ((tries += 1) < 20) window.setTimeout(focusRow, 100);
    };
    window.requestAnimationFrame(focusRow);
  }

  const columns: DataTableColumn<ProblemType>[] = [
    {
      key: 'nameTh',
      header: t('problemTypes.column.nameTh'),
      isRowHeader: true,
      cell: (type) => type.nameTh,
    },
    { key: 'nameEn', header: t('problemTypes.column.nameEn'), cell: (type) => <span lang="en">{type.nameEn}</span> },
    { key: 'code', header: t('problemTypes.column.code'), cell: (type) => <span className="code">{type.code}</span> },
    {
      key: 'urgent',
      header: t('problemTypes.column.urgent'),
      cell: (type) =>
        type.urgent ? (
          <span className="badge badge-urgent">{t('problemTypes.urgent')}</span>
        ) : (
          <span className="muted">{t('problemTypes.notUrgent')}</span>
        ),
    },
    {
      key: 'lead',
      header: t('problemTypes.column.lead'),
      cell: (type) =>
        leadAgencyName(type.leadAgencyCode, agencies.data, language) ?? (
          <span className="muted">{t('problemTypes.noLead')}</span>
        ),
    },
    { key: 'sortOrder', header: t('problemTypes.column.sortOrder'), cell: (type) => type.sortOrder },
    {
      key: 'active',
      header: t('problemTypes.column.active'),
      cell: (type) =>
        type.active ? (
          <span className="badge badge-ok">{t('problemTypes.active')}</span>
        ) : (
          <span className="badge badge-muted">{t('problemTypes.inactive')}</span>
        ),
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: t('problemTypes.column.actions'),
      cell: (type) => (
        <button
          type="button"
          id={`${ids}-edit-${type.code}`}
          className="button button-small"
          aria-expanded={action?.kind === 'edit' && action.code === type.code}
          onClick={(event) => open({ kind: 'edit', code: type.code }, event.currentTarget)}
        >
          {t('problemTypes.edit')}
          <span className="visually-hidden"> {localizedRowName(type, language)}</span>
        </button>
      ),
    });

  const editing = action?.kind === 'edit' ? types.find((type) => type.code === action.code) : undefined;

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('problemTypes.listHeading')}
        </h2>
        {canManage ? (
          <button
            type="button"
            className="button"
            aria-expanded={action?.kind === 'create'}
            onClick={(event) => open({ kind: 'create' }, event.currentTarget)}
          >
            {t('problemTypes.add')}
          </button>
        ) : null}
      </div>
      <p className="muted">
        {t('problemTypes.routingNote')} <Link to="/routing">{t('problemTypes.routingLink')}</Link>
      </p>
      <p className="muted" role="status" aria-live="polite">
        {message}
      </p>
      {action?.kind === 'create' && problemTypes.data ? (
        <ProblemTypeForm
          agencies={agencies.data}
          initial={emptyProblemTypeValues(nextSortOrder(problemTypes.data))}
          heading={t('problemTypes.createHeading')}
          onCancel={close}
          onDone={(saved) => finish(t('problemTypes.created', { name: localizedRowName(saved, language) }), saved.code)}
        />
      ) : null}
      {editing ? (
        <ProblemTypeForm
          key={editing.code}
          agencies={agencies.data}
          code={editing.code}
          initial={problemTypeValues(editing)}
          heading={t('problemTypes.editHeading', { name: localizedRowName(editing, language) })}
          onCancel={close}
          onDone={(saved) => finish(t('problemTypes.saved', { name: localizedRowName(saved, language) }), saved.code)}
        />
      ) : null}
      {problemTypes.error ? <ErrorMessage error={problemTypes.error} /> : null}
      {problemTypes.isPending ? <Loading /> : null}
      {problemTypes.data && types.length === 0 ? <p>{t('problemTypes.empty')}</p> : null}
      {types.length > 0 ? (
        <>
          <p className="result-count">{t('problemTypes.count', { count: types.length })}</p>
          <DataTable
            columns={columns}
            rows={types}
            rowKey={(type) => type.code}
            rowClassName={(type) => (type.active ? undefined : 'row-inactive')}
            labelledBy={`${ids}-heading`}
          />
        </>
      ) : null}
    </section>
  );
}

interface ProblemTypeFormProps {
  agencies: readonly Agency[] | undefined;
  /** The type being changed; none for a new one (whose code is chosen here, once). */
  code?: string;
  initial: ProblemTypeFormValues;
  heading: string;
  onCancel: () => void;
  onDone: (type: ProblemType) => void;
}

function ProblemTypeForm({ agencies, code, initial, heading, onCancel, onDone }: ProblemTypeFormProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const change = useChangeProblemType();
  const [values, setValues] = useState(initial);
  const [checked, setChecked] = useState(false);
  const isNew = code === undefined;
  useEffect(() => headingRef.current?.focus(), []);

  const errors: Record<string, string> = {};
  if (isApiError(change.error) && change.error.code === 'VALIDATION_FAILED') {
    for (const [field, problem] of Object.entries(serverFieldProblems(change.error.fields)))
      errors[field] =
        problem.kind === 'text'
          ? localizedProblem(problem.message, language)
          : t(`problemTypes.problem.${problem.problem}`);
  }
  if (isApiError(change.error) && change.error.code === 'CODE_IN_USE') errors['code'] = change.error.messages[language];
  if (checked)
    for (const [field, problem] of Object.entries(problemTypeProblems(values, isNew)))
      errors[field] = t(`problemTypes.problem.${problem}`);
  const roots = agencies ? ministries(agencies) : [];
  const leadKnown = !values.leadAgencyCode || roots.some((agency) => agency.code === values.leadAgencyCode);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setChecked(true);
    if (Object.keys(problemTypeProblems(values, isNew)).length > 0) {
      focusFirstProblem(form);
      return;
    }
    const options = { onSuccess: onDone, onError: () => focusFirstProblem(form) };
    if (isNew) change.mutate({ kind: 'create', input: newProblemTypeRequest(values) }, options);
    else change.mutate({ kind: 'update', code, input: problemTypeInput(values) }, options);
  }

  const set = <K extends keyof ProblemTypeFormValues>(name: K, value: ProblemTypeFormValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const text = (
    name: 'code' | 'nameTh' | 'nameEn' | 'sortOrder',
    options: { maxLength: number; hint?: string; inputMode?: 'numeric'; lang?: string },
  ) => (
    <Field
      id={`${ids}-${name}`}
      label={`${t(`problemTypes.field.${name}`)} ${t('problemTypes.requiredMark')}`}
      hint={options.hint}
      error={errors[name]}
    >
      {({ describedBy, isInvalid }) => (
        <input
          id={`${ids}-${name}`}
          autoComplete="off"
          spellCheck={name === 'nameTh' || name === 'nameEn' ? undefined : false}
          className={name === 'code' ? 'input-code' : undefined}
          lang={options.lang}
          inputMode={options.inputMode}
          maxLength={options.maxLength}
          value={values[name]}
          onChange={(event) => set(name, name === 'code' ? event.target.value.toLowerCase() : event.target.value)}
          onBlur={name === 'code' ? () => set('code', normaliseCode(values.code)) : undefined}
          aria-required
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );

  const serverAlert =
    change.error && !(isApiError(change.error) && ['VALIDATION_FAILED', 'CODE_IN_USE'].includes(change.error.code)) ? (
      isApiError(change.error) && change.error.status === 403 ? (
        <div className="alert alert-error" role="alert">
          <p>{change.error.messages[language]}</p>
          <p>{t('problemTypes.forbidden')}</p>
        </div>
      ) : (
        <ErrorMessage error={change.error} />
      )
    ) : null;
  const hasProblems = Object.keys(errors).length > 0;

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {serverAlert}
      {hasProblems ? (
        <div className="alert alert-error" role="alert">
          <p>{t('problemTypes.fixBelow')}</p>
        </div>
      ) : null}
      <div className="form-grid">
        {text('nameTh', { maxLength: 200 })}
        {text('nameEn', { maxLength: 200, lang: 'en' })}
        {isNew ? (
          text('code', { maxLength: 40, hint: t('problemTypes.hint.code') })
        ) : (
          <div className="field">
            <span className="field-label">{t('problemTypes.field.code')}</span>
            <span className="code">{code}</span>
          </div>
        )}
        <Field
          id={`${ids}-lead`}
          label={t('problemTypes.field.lead')}
          hint={t('problemTypes.hint.lead')}
          error={errors['leadAgencyCode']}
        >
          {({ describedBy, isInvalid }) => (
            <select
              id={`${ids}-lead`}
              value={values.leadAgencyCode}
              onChange={(event) => set('leadAgencyCode', event.target.value)}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
            >
              <option value="">{t('problemTypes.noLead')}</option>
              {roots.map((agency) => (
                <option key={agency.id} value={agency.code}>
                  {localizedRowName(agency, language)}
                  {agency.active ? '' : ` (${t('agencies.inactive')})`}
                </option>
              ))}
              {leadKnown ? null : <option value={values.leadAgencyCode}>{values.leadAgencyCode}</option>}
            </select>
          )}
        </Field>
        {text('sortOrder', { maxLength: 5, inputMode: 'numeric', hint: t('problemTypes.hint.sortOrder') })}
      </div>
      <div className="stack">
        <label className="choice">
          <input type="checkbox" checked={values.urgent} onChange={(event) => set('urgent', event.target.checked)} />
          <span>
            {t('problemTypes.field.urgent')}
            <span className="field-hint choice-hint">{t('problemTypes.hint.urgent')}</span>
          </span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={values.active} onChange={(event) => set('active', event.target.checked)} />
          <span>
            {t('problemTypes.field.active')}
            <span className="field-hint choice-hint">{t('problemTypes.hint.active')}</span>
          </span>
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? t('problemTypes.saving') : isNew ? t('problemTypes.create') : t('problemTypes.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('problemTypes.cancel')}
        </button>
      </div>
    </form>
  );
}
