import type { ProcedureVersion } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import type { EnteredDurationUnit } from '../../../lib/procedure-steps.ts';
import { useCreateProcedureVersion } from '../api/procedures.ts';
import {
  blankStep,
  CLOCK_CHOICES,
  COMPLETION_CHOICES,
  formProblems,
  moveStep,
  newVersionRequest,
  procedureValues,
  RESPONSIBLE_CHOICES,
  wholeProblems,
  type ProcedureFormValues,
  type StepValues,
} from '../utils/procedure-form.ts';

/** A step's name in the reader's language as typed so far; its code while both names are empty. */
function stepName(step: StepValues, language: 'th' | 'en'): string {
  return (language === 'en' ? step.nameEn || step.nameTh : step.nameTh || step.nameEn) || step.code;
}

interface ProcedureEditorProps {
  problemTypeCode: string | null;
  /** The problem type's name (or the generic procedure's). */
  title: string;
  /** The version the new one starts from: the one in use. */
  base: ProcedureVersion;
  onCancel: () => void;
  onSaved: (saved: ProcedureVersion) => void;
}

/**
 * A new version of a procedure, started from a copy of the one in use: steps added, removed, moved and changed.
 * The contract's whole-procedure rules run as the editor types and their messages sit next to the step fields;
 * nothing is sent while one of them stands.
 */
export function ProcedureEditor({ problemTypeCode, title, base, onCancel, onSaved }: ProcedureEditorProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const create = useCreateProcedureVersion();
  const [values, setValues] = useState<ProcedureFormValues>(() => procedureValues(base));
  const [checked, setChecked] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => headingRef.current?.focus(), []);

  const local = formProblems(values);
  const whole = wholeProblems(values);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(create.error, language))) errors[path] = message;
  for (const problem of whole) errors[problem.path] ??= problem[language];
  if (checked)
    for (const [path, problem] of Object.entries(local)) errors[path] ??= t(`procedures.editor.problem.${problem}`);
  const blocked = whole.length > 0 || Object.keys(local).length > 0;

  function update(next: ProcedureFormValues) {
    if (create.error) create.reset();
    setValues(next);
  }
  const setStep = (index: number, change: Partial<StepValues>) =>
    update({ ...values, steps: values.steps.map((step, at) => (at === index ? { ...step, ...change } : step)) });

  function move(index: number, delta: -1 | 1) {
    const step = values.steps[index];
    if (!step) return;
    update({ ...values, steps: moveStep(values.steps, index, delta) });
    setAnnouncement(t('procedures.editor.moved', { name: stepName(step, language), number: index + delta + 1 }));
    // Focus follows the step's button to its new place (or to the other one when it reached an end).
    window.requestAnimationFrame(() => {
      const own = document.getElementById(`${ids}-${step.key}-${delta < 0 ? 'up' : 'down'}`) as HTMLButtonElement;
      const other = document.getElementById(`${ids}-${step.key}-${delta < 0 ? 'down' : 'up'}`);
      (own && !own.disabled ? own : other)?.focus();
    });
  }

  function remove(index: number) {
    const step = values.steps[index];
    if (!step) return;
    update({ ...values, steps: values.steps.filter((_, at) => at !== index) });
    setAnnouncement(t('procedures.editor.removed', { name: stepName(step, language) }));
    window.requestAnimationFrame(() => document.getElementById(`${ids}-add`)?.focus());
  }

  function add() {
    const step = blankStep(values.steps, t('procedures.editor.newStepName'), 'New step');
    update({ ...values, steps: [...values.steps, step] });
    setAnnouncement(t('procedures.editor.added', { number: values.steps.length + 1 }));
    window.requestAnimationFrame(() => document.getElementById(`${ids}-${step.key}-nameTh`)?.focus());
  }

  function save(form: HTMLFormElement, activate: boolean) {
    setChecked(true);
    if (blocked) {
      focusFirstProblem(form);
      return;
    }
    create.mutate(newVersionRequest(values, problemTypeCode, activate), {
      onSuccess: onSaved,
      onError: () => focusFirstProblem(form),
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    save(event.currentTarget, submitter?.getAttribute('value') === 'activate');
  }

  const serverAlert =
    create.error && !(isApiError(create.error) && create.error.code === 'VALIDATION_FAILED') ? (
      isApiError(create.error) && create.error.status === 403 ? (
        <div className="alert alert-error" role="alert">
          <p>{create.error.messages[language]}</p>
          <p>{t('procedures.editor.forbidden')}</p>
        </div>
      ) : (
        <ErrorMessage error={create.error} />
      )
    ) : null;
  const stepNumber = (path: string) => {
    const match = /^steps\.(\d+)\./.exec(path);
    return match ? Number(match[1]) + 1 : null;
  };
  const listed = Object.entries(errors);

  const nameField = (name: 'nameTh' | 'nameEn') => (
    <Field id={`${ids}-${name}`} label={t(`procedures.editor.${name}`)} error={errors[name]}>
      {({ describedBy, isInvalid }) => (
        <input
          id={`${ids}-${name}`}
          autoComplete="off"
          lang={name === 'nameEn' ? 'en' : undefined}
          maxLength={200}
          value={values[name]}
          onChange={(event) => update({ ...values, [name]: event.target.value })}
          aria-required
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );

  return (
    <form
      className="panel stack procedure-editor"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby={`${ids}-heading`}
    >
      <h3 id={`${ids}-heading`} ref={headingRef} tabIndex={-1}>
        {t('procedures.editor.heading', { name: title })}
      </h3>
      <p className="muted">{t('procedures.editor.intro')}</p>
      {serverAlert}
      {listed.length > 0 ? (
        <div className="alert alert-error" role="alert" data-testid="procedure-problems">
          <p>
            <strong>{t('procedures.editor.problemsHeading')}</strong>
          </p>
          <ul>
            {listed.map(([path, message]) => {
              const number = stepNumber(path);
              return (
                <li key={path}>
                  {number !== null ? `${t('procedures.editor.step', { number })}: ` : ''}
                  {message}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <div className="form-grid">
        {nameField('nameTh')}
        {nameField('nameEn')}
      </div>
      <ol className="procedure-edit-steps" data-problem={errors['steps'] ? true : undefined}>
        {values.steps.map((step, index) => (
          <StepFields
            key={step.key}
            ids={ids}
            step={step}
            index={index}
            count={values.steps.length}
            errors={errors}
            onChange={(change) => setStep(index, change)}
            onMove={(delta) => move(index, delta)}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      {errors['steps'] ? <p className="field-error">{errors['steps']}</p> : null}
      <div>
        <button id={`${ids}-add`} type="button" className="button" onClick={add} disabled={values.steps.length >= 30}>
          {t('procedures.editor.addStep')}
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="button-row">
        <button type="submit" name="save" value="draft" className="button" disabled={create.isPending}>
          {create.isPending ? t('procedures.editor.saving') : t('procedures.editor.saveDraft')}
        </button>
        <button
          type="submit"
          name="save"
          value="activate"
          className="button button-primary"
          disabled={create.isPending}
        >
          {t('procedures.editor.saveActivate')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('procedures.editor.cancel')}
        </button>
      </div>
    </form>
  );
}

interface StepFieldsProps {
  ids: string;
  step: StepValues;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (change: Partial<StepValues>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

function StepFields({ ids, step, index, count, errors, onChange, onMove, onRemove }: StepFieldsProps) {
  const { language, t } = useLanguage();
  const at = `steps.${index}`;
  const id = (name: string) => `${ids}-${step.key}-${name}`;
  const number = index + 1;
  const suffix = <span className="visually-hidden"> {t('procedures.editor.stepSuffix', { number })}</span>;

  const text = (name: 'code' | 'nameTh' | 'nameEn') => (
    <Field
      id={id(name)}
      label={t(`procedures.editor.${name === 'code' ? 'code' : name === 'nameTh' ? 'stepNameTh' : 'stepNameEn'}`)}
      error={errors[`${at}.${name}`]}
    >
      {({ describedBy, isInvalid }) => (
        <input
          id={id(name)}
          autoComplete="off"
          className={name === 'code' ? 'input-code' : undefined}
          spellCheck={name === 'code' ? false : undefined}
          lang={name === 'nameEn' ? 'en' : undefined}
          maxLength={name === 'code' ? 40 : 200}
          value={step[name]}
          onChange={(event) =>
            onChange({ [name]: name === 'code' ? event.target.value.toLowerCase() : event.target.value })
          }
          aria-required
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );

  const duration = (kind: 'duration' | 'crisis') => {
    const amountName = kind === 'duration' ? 'durationAmount' : 'crisisAmount';
    const unitName = kind === 'duration' ? 'durationUnit' : 'crisisUnit';
    const path = `${at}.${kind === 'duration' ? 'durationMinutes' : 'crisisDurationMinutes'}`;
    const label = t(kind === 'duration' ? 'procedures.editor.duration' : 'procedures.editor.crisisDuration');
    return (
      <Field id={id(amountName)} label={label} error={errors[path]}>
        {({ describedBy, isInvalid }) => (
          <div className="duration-input">
            <input
              id={id(amountName)}
              inputMode="decimal"
              autoComplete="off"
              maxLength={7}
              value={step[amountName]}
              onChange={(event) => onChange({ [amountName]: event.target.value })}
              aria-required
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
            />
            <select
              aria-label={t(
                kind === 'duration' ? 'procedures.editor.durationUnit' : 'procedures.editor.crisisDurationUnit',
              )}
              value={step[unitName]}
              onChange={(event) => onChange({ [unitName]: event.target.value as EnteredDurationUnit })}
            >
              <option value="hours">{t('procedures.unit.hours')}</option>
              <option value="days">{t('procedures.unit.days')}</option>
            </select>
          </div>
        )}
      </Field>
    );
  };

  const approvalError = errors[`${at}.requiresApproval`];
  const completionError = errors[`${at}.completion`];

  return (
    <li className="procedure-edit-step">
      <fieldset className="fieldset stack" data-testid={`procedure-step-${number}`}>
        <legend>{t('procedures.editor.stepNamed', { number, name: stepName(step, language) })}</legend>
        <div className="button-row procedure-step-tools">
          <button
            id={id('up')}
            type="button"
            className="button button-small"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            {t('procedures.editor.moveUp')}
            {suffix}
          </button>
          <button
            id={id('down')}
            type="button"
            className="button button-small"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            {t('procedures.editor.moveDown')}
            {suffix}
          </button>
          <button type="button" className="button button-small" disabled={count <= 1} onClick={onRemove}>
            {t('procedures.editor.remove')}
            {suffix}
          </button>
        </div>
        <div className="form-grid">
          {text('nameTh')}
          {text('nameEn')}
          {text('code')}
          <Field id={id('responsible')} label={t('procedures.editor.responsible')}>
            {() => (
              <select
                id={id('responsible')}
                value={step.responsible}
                onChange={(event) => onChange({ responsible: event.target.value as StepValues['responsible'] })}
              >
                {RESPONSIBLE_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`procedures.responsible.${choice}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {duration('duration')}
          <Field id={id('clock')} label={t('procedures.editor.clock')}>
            {() => (
              <select
                id={id('clock')}
                value={step.clock}
                onChange={(event) => onChange({ clock: event.target.value as StepValues['clock'] })}
              >
                {CLOCK_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`procedures.clock.${choice}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('completion')} label={t('procedures.editor.completion')} error={completionError}>
            {({ describedBy, isInvalid }) => (
              <select
                id={id('completion')}
                value={step.completion}
                onChange={(event) => onChange({ completion: event.target.value as StepValues['completion'] })}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                {COMPLETION_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`procedures.completion.${choice}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="stack">
          <label className="choice">
            <input
              type="checkbox"
              checked={step.hasCrisis}
              onChange={(event) => onChange({ hasCrisis: event.target.checked })}
            />
            <span>{t('procedures.editor.hasCrisis')}</span>
          </label>
          {step.hasCrisis ? <div className="form-grid procedure-crisis-grid">{duration('crisis')}</div> : null}
          <div>
            <label className="choice">
              <input
                type="checkbox"
                checked={step.requiresApproval}
                onChange={(event) => onChange({ requiresApproval: event.target.checked })}
                aria-invalid={approvalError ? true : undefined}
                aria-describedby={approvalError ? id('approval-error') : undefined}
              />
              <span>{t('procedures.editor.requiresApproval')}</span>
            </label>
            {approvalError ? (
              <p id={id('approval-error')} className="field-error">
                {approvalError}
              </p>
            ) : null}
          </div>
        </div>
      </fieldset>
    </li>
  );
}
