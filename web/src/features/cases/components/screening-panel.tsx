import type { CaseDetail } from '@oscc/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProblemTypes } from '../../../lib/reference-data.ts';
import { useScreenCase } from '../api/cases.ts';
import {
  MAX_PROBLEM_TYPES,
  REASON_MAX_LENGTH,
  screeningProblems,
  screeningValuesFrom,
  screenRequest,
  SEVERITIES,
  SEVERITY_KEYS,
  type RouteChoice,
  type ScreeningValues,
} from '../utils/case-view.ts';
import { CaseUnitSelect } from './case-unit-select.tsx';

const ROUTES: readonly RouteChoice[] = ['keep', 'auto', 'unit'];

/**
 * Screening: confirm what the case is (problem types, crisis, severity) and where it goes — the unit it has, the
 * routing rules run again, or a unit chosen by hand with the reason. Saved with the case's version: if someone
 * else saved first, the server refuses and the page shows the case as it now is.
 */
export function ScreeningPanel({ detail }: { detail: CaseDetail }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const problemTypes = useProblemTypes();
  const screen = useScreenCase(detail.id);
  const [values, setValues] = useState<ScreeningValues>(() => screeningValuesFrom(detail));
  const [shownVersion, setShownVersion] = useState(detail.version);
  const [isChecked, setIsChecked] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // A newer version of the case (after a save, or reloaded after a conflict) starts the form from what it is now.
  if (detail.version !== shownVersion) {
    setShownVersion(detail.version);
    setValues(screeningValuesFrom(detail));
    setIsChecked(false);
  }

  const problems = isChecked ? screeningProblems(values) : {};
  const isConflict = isApiError(screen.error) && screen.error.status === 409;
  const set = <Name extends keyof ScreeningValues>(name: Name, value: ScreeningValues[Name]) =>
    setValues((current) => ({ ...current, [name]: value }));
  const listed = problemTypes.data?.filter((type) => type.active || values.problemTypes.includes(type.code)) ?? [];
  const currentUnit = detail.responsibleUnit
    ? localizedRowName(detail.responsibleUnit, language)
    : t('cases.centralTriage');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsChecked(true);
    setSavedVersion(null);
    if (Object.keys(screeningProblems(values)).length > 0) {
      window.requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-problem] input')?.focus(),
      );
      return;
    }
    screen.mutate(screenRequest(values, detail.version), {
      onSuccess: (updated) => setSavedVersion(updated.version),
    });
  }

  return (
    <form
      ref={form}
      className="card stack screening-form"
      aria-labelledby={`${ids}-heading`}
      onSubmit={handleSubmit}
      noValidate
    >
      <h2 id={`${ids}-heading`} className="card-title">
        {t('cases.screening.heading')}
      </h2>
      <fieldset
        className="fieldset-plain"
        aria-describedby={problems.problemTypes ? `${ids}-types-error` : `${ids}-types-hint`}
        data-problem={problems.problemTypes ? true : undefined}
      >
        <legend className="field-label">{t('intake.problemTypes')}</legend>
        <p id={`${ids}-types-hint`} className="field-hint">
          {t('cases.screening.problemTypesHint', { max: MAX_PROBLEM_TYPES })}
        </p>
        {problems.problemTypes ? (
          <p id={`${ids}-types-error`} className="field-error">
            {t(`cases.screening.problem.${problems.problemTypes}`, { max: MAX_PROBLEM_TYPES })}
          </p>
        ) : null}
        {problemTypes.error ? <ErrorMessage error={problemTypes.error} /> : null}
        {!problemTypes.data && !problemTypes.error ? <Loading /> : null}
        <ul className="checkbox-grid">
          {listed.map((type) => (
            <li key={type.code} className={type.urgent ? 'choice-urgent' : undefined}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={values.problemTypes.includes(type.code)}
                  onChange={(event) =>
                    set(
                      'problemTypes',
                      event.target.checked
                        ? [...values.problemTypes, type.code]
                        : values.problemTypes.filter((code) => code !== type.code),
                    )
                  }
                />
                <span>{localizedRowName(type, language)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <label className="choice intake-crisis">
        <input type="checkbox" checked={values.crisis} onChange={(event) => set('crisis', event.target.checked)} />
        <span>
          <strong>{t('intake.crisis')}</strong>
        </span>
      </label>

      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('intake.severity')}</legend>
        <div className="severity-row">
          {SEVERITIES.map((level) => (
            <label key={level} className="severity-choice">
              <input
                type="radio"
                name={`${ids}-severity`}
                value={level}
                checked={values.severity === level}
                onChange={() => set('severity', level)}
              />
              <span>{t(`intake.severityLevel.${SEVERITY_KEYS[level]}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('cases.screening.route')}</legend>
        <div className="choice-list">
          {ROUTES.map((route) => (
            <label key={route} className="choice">
              <input
                type="radio"
                name={`${ids}-route`}
                value={route}
                checked={values.route === route}
                onChange={() => set('route', route)}
              />
              <span>
                {t(`cases.screening.routeChoice.${route}`)}
                {route === 'keep' ? (
                  <span className="field-hint">{t('cases.screening.currentUnit', { unit: currentUnit })}</span>
                ) : route === 'auto' ? (
                  <span className="field-hint">{t('cases.screening.autoHint')}</span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {values.route === 'unit' ? (
        <div className="stack screening-unit">
          <CaseUnitSelect
            id={`${ids}-unit`}
            value={values.unit}
            onChange={(unit) => set('unit', unit)}
            error={problems.unit ? t(`cases.screening.problem.${problems.unit}`) : null}
          />
          <Field
            id={`${ids}-reason`}
            label={t('cases.screening.reason')}
            hint={t('cases.screening.reasonHint')}
            error={problems.reason ? t(`cases.screening.problem.${problems.reason}`) : null}
          >
            {({ describedBy, isInvalid }) => (
              <textarea
                id={`${ids}-reason`}
                rows={2}
                required
                maxLength={REASON_MAX_LENGTH}
                value={values.reason}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('reason', event.target.value)}
              />
            )}
          </Field>
        </div>
      ) : null}

      {isConflict ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('cases.screening.conflict')}</p>
        </div>
      ) : screen.error ? (
        <ErrorMessage error={screen.error} />
      ) : null}
      {savedVersion !== null && savedVersion === detail.version && !screen.isPending ? (
        <div className="alert alert-success" role="status">
          <p>{t('cases.screening.saved')}</p>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={screen.isPending}>
          {screen.isPending ? t('intake.saving') : t('cases.screening.save')}
        </button>
      </div>
    </form>
  );
}
