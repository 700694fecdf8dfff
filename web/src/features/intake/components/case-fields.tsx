import type { ProblemType } from '@oscc/contract';
import { useId } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { PlaceSelects, type PickedPlace } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedName } from '../../../lib/format.ts';
import { useProblemTypes } from '../../../lib/reference-data.ts';
import {
  handToAfterPlaceChange,
  mostSpecificAreaCode,
  REPORTER_RELATIONS,
  SEVERITIES,
  type IntakeFormValues,
  type ReporterRelation,
} from '../utils/intake-form.ts';
import { HandOverField } from './hand-over-field.tsx';
import { PeopleFields } from './people-fields.tsx';

interface CaseFieldsProps {
  values: IntakeFormValues;
  set: <Name extends keyof IntakeFormValues>(name: Name, value: IntakeFormValues[Name]) => void;
  onPlacePicked: (picked: PickedPlace) => void;
  errors: Record<string, string>;
}

const SEVERITY_KEYS = { 1: 'low', 2: 'medium', 3: 'high', 4: 'life' } as const;

/**
 * The case part of the console: what, how urgent, where, what happened, who reported it, who is involved, and
 * the social worker it is handed to, if any.
 */
export function CaseFields({ values, set, onPlacePicked, errors }: CaseFieldsProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const problemTypes = useProblemTypes();
  const chosen = new Set(values.problemTypes);
  const listed = problemTypes.data?.filter((type) => type.active) ?? [];
  // The four urgent problems come first, in a list of their own, so they are found without reading the rest.
  const urgentTypes = listed.filter((type) => type.urgent);
  const otherTypes = listed.filter((type) => !type.urgent);
  const renderType = (type: ProblemType) => (
    <li key={type.code} className={type.urgent ? 'choice-urgent' : undefined}>
      <label className="choice">
        <input
          type="checkbox"
          checked={chosen.has(type.code)}
          onChange={(event) =>
            set(
              'problemTypes',
              event.target.checked
                ? [...values.problemTypes, type.code]
                : values.problemTypes.filter((code) => code !== type.code),
            )
          }
        />
        <span>
          {localizedName({ th: type.nameTh, en: type.nameEn }, language)}
          {type.urgent ? (
            <>
              {' '}
              <span className="badge badge-urgent">{t('intake.urgent')}</span>
            </>
          ) : null}
        </span>
      </label>
    </li>
  );
  const problemTypesError = errors['case.problemTypes'];
  const areaError = errors['case.location.areaCode'];
  // The place problem is shown at the level the code came from.
  const areaLevel = values.place.subdistrictCode ? 'subdistrict' : values.place.districtCode ? 'district' : 'province';

  return (
    <div className="stack-lg">
      <fieldset
        className="card fieldset-card"
        aria-describedby={problemTypesError ? `${ids}-types-error` : `${ids}-types-hint`}
        data-problem={problemTypesError ? true : undefined}
        tabIndex={problemTypesError ? -1 : undefined}
      >
        <legend className="card-title">{t('intake.problemTypes')}</legend>
        <p id={`${ids}-types-hint`} className="field-hint">
          {t('intake.problemTypesHint')}
        </p>
        {problemTypesError ? (
          <p id={`${ids}-types-error`} className="field-error">
            {problemTypesError}
          </p>
        ) : null}
        {problemTypes.error ? <ErrorMessage error={problemTypes.error} /> : null}
        {!problemTypes.data && !problemTypes.error ? <Loading /> : null}
        {[urgentTypes, otherTypes].map((group, index) =>
          group.length > 0 ? (
            <ul key={index} className="checkbox-grid">
              {group.map(renderType)}
            </ul>
          ) : null,
        )}
      </fieldset>

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('intake.urgency')}</legend>
        <div className="stack">
          <label className="choice intake-crisis">
            <input
              type="checkbox"
              checked={values.crisis}
              aria-describedby={`${ids}-crisis-hint`}
              onChange={(event) => set('crisis', event.target.checked)}
            />
            <span>
              <strong>{t('intake.crisis')}</strong>
              <span id={`${ids}-crisis-hint`} className="field-hint">
                {t('intake.crisisHint')}
              </span>
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
        </div>
      </fieldset>

      <fieldset className="card fieldset-card" aria-describedby={`${ids}-place-hint`}>
        <legend className="card-title">{t('intake.place')}</legend>
        <p id={`${ids}-place-hint`} className="field-hint">
          {t('intake.placeHint')}
        </p>
        <div className="form-grid">
          <PlaceSelects
            idPrefix={`${ids}-place`}
            value={values.place}
            onChange={(place, picked) => {
              set('handTo', handToAfterPlaceChange(values.handTo, values.place, place));
              set('place', place);
              onPlacePicked(picked);
            }}
            emptyLabels={{
              province: t('intake.placeEmpty.province'),
              district: t('intake.placeEmpty.district'),
              subdistrict: t('intake.placeEmpty.subdistrict'),
            }}
            errors={areaError ? { [areaLevel]: areaError } : {}}
          />
          <Field
            id={`${ids}-address`}
            label={t('intake.address')}
            error={errors['case.location.address']}
            className="field-wide"
          >
            {({ describedBy, isInvalid }) => (
              <input
                id={`${ids}-address`}
                type="text"
                value={values.address}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('address', event.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <div className="card">
        <Field
          id={`${ids}-narrative`}
          label={t('intake.narrative')}
          hint={t('intake.narrativeHint')}
          error={errors['case.narrative']}
        >
          {({ describedBy, isInvalid }) => (
            <textarea
              id={`${ids}-narrative`}
              rows={6}
              required
              value={values.narrative}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set('narrative', event.target.value)}
            />
          )}
        </Field>
      </div>

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('intake.reporter')}</legend>
        <div className="form-grid">
          <label className="choice intake-anonymous">
            <input
              type="checkbox"
              checked={values.anonymous}
              onChange={(event) => set('anonymous', event.target.checked)}
            />
            <span>{t('intake.anonymous')}</span>
          </label>
          <Field id={`${ids}-relation`} label={t('intake.relation')} error={errors['case.reporter.relation']}>
            {({ describedBy }) => (
              <select
                id={`${ids}-relation`}
                value={values.relation}
                aria-describedby={describedBy}
                onChange={(event) => set('relation', event.target.value as ReporterRelation)}
              >
                {REPORTER_RELATIONS.map((relation) => (
                  <option key={relation} value={relation}>
                    {t(`intake.relations.${relation}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <PeopleFields people={values.people} onChange={(people) => set('people', people)} errors={errors} />

      <HandOverField
        areaCode={mostSpecificAreaCode(values.place)}
        value={values.handTo}
        onChange={(handTo) => set('handTo', handTo)}
        error={errors.handTo}
      />
    </div>
  );
}
