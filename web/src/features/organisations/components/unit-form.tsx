import { UNIT_TYPES, type UnitDetail } from '@oscc/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useAgencies, useCreateUnit, useProblemTypes, useUpdateUnit } from '../api/organisations.ts';
import { agencyPath } from '../utils/agency-tree.ts';
import { officeHoursProblems } from '../utils/office-hours.ts';
import {
  emptyUnitForm,
  formFromUnit,
  missingUnitFields,
  problemsByField,
  toCreateUnitRequest,
  toUpdateUnitRequest,
  type UnitFormField,
  type UnitFormValues,
} from '../utils/unit-form.ts';
import { AgencyOptions } from './agency-select.tsx';
import { AreasEditor } from './areas-editor.tsx';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { OfficeHoursEditor } from './office-hours-editor.tsx';
import { PlaceSelects } from '../../../components/ui/place-selects.tsx';
import { ProblemTypesField } from './problem-types-field.tsx';

interface UnitFormProps {
  /** The unit being edited; none for a new unit. */
  unit?: UnitDetail;
  onSaved: (unit: UnitDetail) => void;
  /** Reads the unit again after someone else changed it (the form then starts from the fresh data). */
  onReload?: () => void;
  cancelTo: string;
}

type TextField = 'code' | 'nameTh' | 'nameEn' | 'address' | 'postcode' | 'phone' | 'email';

/** Every field of a unit: who it is, where, when it works, the places it answers for and the problems it takes. */
export function UnitForm({ unit, onSaved, onReload, cancelTo }: UnitFormProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const isNew = !unit;
  const agencies = useAgencies();
  const problemTypes = useProblemTypes();
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = isNew ? create : update;
  const [values, setValues] = useState<UnitFormValues>(() => (unit ? formFromUnit(unit) : emptyUnitForm()));
  // The version the form was filled from: a change someone saves meanwhile must come back as a conflict.
  const [version] = useState(unit?.version ?? 0);
  const [missing, setMissing] = useState<UnitFormField[]>([]);
  const [hasTried, setHasTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <Name extends keyof UnitFormValues>(name: Name, value: UnitFormValues[Name]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const error = mutation.error;
  const serverErrors = problemsByField(fieldErrors(error, language));
  if (isApiError(error) && error.code === 'CODE_IN_USE') serverErrors.code = error.messages[language];
  const errors: Partial<Record<UnitFormField, string>> = { ...serverErrors };
  // A field reported empty stops being reported as soon as it is filled in.
  const nowMissing = missingUnitFields(values, { isNew });
  for (const field of missing.filter((name) => nowMissing.includes(name))) {
    errors[field] = ['agencyId', 'type'].includes(field) ? t('units.choiceRequired') : t('units.fieldRequired');
  }
  const hoursProblems = hasTried ? officeHoursProblems(values.officeHours) : new Map();
  const isConflict = isApiError(error) && error.code === 'CONFLICT';
  const isForbidden = isApiError(error) && error.status === 403;
  const hasFieldErrors = Object.keys(errors).length > 0 || hoursProblems.size > 0;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const missingNow = missingUnitFields(values, { isNew });
    setMissing(missingNow);
    setHasTried(true);
    if (missingNow.length > 0 || officeHoursProblems(values.officeHours).size > 0) {
      focusFirstProblem(form);
      return;
    }
    const options = { onSuccess: onSaved, onError: () => focusFirstProblem(form) };
    if (unit) update.mutate(toUpdateUnitRequest(values, version), options);
    else create.mutate(toCreateUnitRequest(values), options);
  }

  function textField(
    name: TextField,
    options: {
      required?: boolean;
      hint?: string;
      type?: string;
      inputMode?: 'tel' | 'email' | 'numeric';
      maxLength: number;
      autoComplete?: string;
      className?: string;
    },
  ) {
    const label = t(`units.field.${name}`);
    return (
      <Field
        id={`${ids}-${name}`}
        label={options.required ? `${label} ${t('units.requiredMark')}` : label}
        hint={options.hint}
        error={errors[name]}
        className={options.className}
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-${name}`}
            name={name}
            type={options.type ?? 'text'}
            inputMode={options.inputMode}
            autoComplete={options.autoComplete ?? 'off'}
            maxLength={options.maxLength}
            value={values[name]}
            onChange={(event) => set(name, event.target.value)}
            aria-required={options.required || undefined}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
          />
        )}
      </Field>
    );
  }

  const currentAgencyPath = unit && agencies.data ? agencyPath(agencies.data, unit.agencyId) : [];

  return (
    <form
      ref={formRef}
      className="stack-lg"
      onSubmit={handleSubmit}
      noValidate
      aria-label={isNew ? t('units.createTitle') : t('units.editTitle')}
    >
      {isConflict ? (
        <div className="alert alert-error stack" role="alert">
          <p>{t('units.conflict')}</p>
          {onReload ? (
            <button type="button" className="button" onClick={onReload}>
              {t('units.reload')}
            </button>
          ) : null}
        </div>
      ) : null}
      {isForbidden ? (
        <div className="alert alert-error" role="alert">
          <p>{error.messages[language]}</p>
          <p>{t('units.forbidden')}</p>
        </div>
      ) : null}
      {error && !isConflict && !isForbidden && !hasFieldErrors ? <ErrorMessage error={error} /> : null}
      {hasFieldErrors ? (
        <div className="alert alert-error" role="alert">
          <p>{t('units.fixFields')}</p>
        </div>
      ) : null}

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('units.identitySection')}</legend>
        <div className="form-grid">
          {textField('nameTh', { required: true, maxLength: 200, className: 'field-wide' })}
          {textField('nameEn', { maxLength: 200, className: 'field-wide' })}
          {textField('code', { required: true, hint: t('units.codeHint'), maxLength: 40 })}
          <Field
            id={`${ids}-type`}
            label={`${t('units.field.type')} ${t('units.requiredMark')}`}
            error={errors.type}
            className="field-span-2"
          >
            {({ describedBy, isInvalid }) => (
              <select
                id={`${ids}-type`}
                value={values.type}
                onChange={(event) => set('type', event.target.value as UnitFormValues['type'])}
                aria-required
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('units.chooseType')}</option>
                {UNIT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`units.type.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {isNew ? (
            <Field
              id={`${ids}-agency`}
              label={`${t('units.field.agencyId')} ${t('units.requiredMark')}`}
              hint={t('units.moveHint')}
              error={errors.agencyId}
              className="field-wide"
            >
              {({ describedBy, isInvalid }) => (
                <select
                  id={`${ids}-agency`}
                  value={values.agencyId}
                  onChange={(event) => set('agencyId', event.target.value)}
                  aria-required
                  aria-invalid={isInvalid || undefined}
                  aria-describedby={describedBy}
                  aria-busy={agencies.isPending || undefined}
                >
                  <option value="">{t('units.chooseAgency')}</option>
                  <AgencyOptions agencies={agencies.data} />
                </select>
              )}
            </Field>
          ) : (
            <div className="field field-wide">
              <span className="field-label">{t('units.field.agencyId')}</span>
              <p className="field-value">
                {currentAgencyPath.length > 0
                  ? currentAgencyPath.map((agency) => localizedRowName(agency, language)).join(' › ')
                  : unit && localizedRowName(unit.agency, language)}
              </p>
              <p className="field-hint">{t('units.agencyChangeNote')}</p>
            </div>
          )}
        </div>
      </fieldset>

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('units.locationSection')}</legend>
        <div className="form-grid">
          <PlaceSelects
            idPrefix={`${ids}-place`}
            value={values}
            showPostcodes
            emptyLabels={{
              province: t('units.notSpecified'),
              district: t('units.notSpecified'),
              subdistrict: t('units.notSpecified'),
            }}
            errors={{
              province: errors.provinceCode,
              district: errors.districtCode,
              subdistrict: errors.subdistrictCode,
            }}
            onChange={(place, picked) =>
              setValues((current) => ({
                ...current,
                ...place,
                // The subdistrict's postcode, unless one was typed already.
                postcode: current.postcode || picked.subdistrict?.postcodes[0] || '',
              }))
            }
          />
          {textField('address', { maxLength: 500, className: 'field-wide' })}
          {textField('postcode', { hint: t('units.postcodeHint'), inputMode: 'numeric', maxLength: 5 })}
          {textField('phone', { hint: t('units.phoneHint'), type: 'tel', inputMode: 'tel', maxLength: 40 })}
          {textField('email', { type: 'email', inputMode: 'email', maxLength: 254 })}
        </div>
      </fieldset>

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('units.field.officeHours')}</legend>
        <OfficeHoursEditor
          idPrefix={`${ids}-hours`}
          draft={values.officeHours}
          onChange={(draft) => set('officeHours', draft)}
          problems={hoursProblems}
          error={errors.officeHours}
        />
      </fieldset>

      <fieldset className="card fieldset-card">
        <legend className="card-title">{t('units.field.areas')}</legend>
        <AreasEditor
          idPrefix={`${ids}-areas`}
          areas={values.areas}
          onChange={(areas) => set('areas', areas)}
          error={errors.areas}
        />
      </fieldset>

      <ProblemTypesField
        problemTypes={problemTypes.data}
        loadError={problemTypes.error}
        value={values.problemTypes}
        onChange={(codes) => set('problemTypes', codes)}
        error={errors.problemTypes}
      />

      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={mutation.isPending || isConflict}>
          {mutation.isPending ? t('units.saving') : isNew ? t('units.create') : t('units.save')}
        </button>
        <Link to={cancelTo} className="button">
          {t('units.cancel')}
        </Link>
      </div>
    </form>
  );
}
