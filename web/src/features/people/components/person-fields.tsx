import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { GENDERS, THAI_TITLES, type UserFormValues } from '../utils/user-form.ts';
import { SupervisorSelect } from './supervisor-select.tsx';
import { UnitSelect } from './unit-select.tsx';

interface PersonFieldsProps {
  idPrefix: string;
  values: UserFormValues;
  onChange: (values: UserFormValues) => void;
  unitName: string | null;
  onUnitNameChange: (name: string | null) => void;
  supervisorName: string | null;
  onSupervisorNameChange: (name: string | null) => void;
  /** The person being edited (not offered as their own supervisor); undefined when creating. */
  personId?: string;
  /** Problems by field name ('email', 'mobile', …), from the form's own checks or the server. */
  errors: Record<string, string>;
}

type TextFieldName = Exclude<keyof UserFormValues, 'gender' | 'unitId' | 'titleTh' | 'supervisorId'>;

/** The Front Line 1 fields of a person, shared by the create and edit forms. */
export function PersonFields({
  idPrefix,
  values,
  onChange,
  unitName,
  onUnitNameChange,
  supervisorName,
  onSupervisorNameChange,
  personId,
  errors,
}: PersonFieldsProps) {
  const { t } = useLanguage();
  const set = <Name extends keyof UserFormValues>(name: Name, value: UserFormValues[Name]) =>
    onChange({ ...values, [name]: value });
  const id = (name: string) => `${idPrefix}-${name}`;

  function textField(
    name: TextFieldName,
    options: { required?: boolean; type?: string; autoComplete?: string; hint?: string; inputMode?: 'tel' | 'email' },
  ) {
    const label = t(`people.field.${name}`);
    return (
      <Field
        id={id(name)}
        label={options.required ? `${label} ${t('people.requiredMark')}` : label}
        hint={options.hint}
        error={errors[name]}
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={id(name)}
            name={name}
            type={options.type ?? 'text'}
            inputMode={options.inputMode}
            autoComplete={options.autoComplete ?? 'off'}
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

  const isKnownTitle = (THAI_TITLES as readonly string[]).includes(values.titleTh);
  return (
    <div className="stack">
      <fieldset className="fieldset">
        <legend>{t('people.nameSection')}</legend>
        <div className="form-grid">
          <Field id={id('titleTh')} label={t('people.field.titleTh')} error={errors['titleTh']}>
            {({ describedBy, isInvalid }) => (
              <select
                id={id('titleTh')}
                value={values.titleTh}
                onChange={(event) => set('titleTh', event.target.value)}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('people.noTitle')}</option>
                {THAI_TITLES.map((title) => (
                  <option key={title} value={title}>
                    {title}
                  </option>
                ))}
                {values.titleTh && !isKnownTitle ? <option value={values.titleTh}>{values.titleTh}</option> : null}
              </select>
            )}
          </Field>
          {textField('firstNameTh', { required: true })}
          {textField('lastNameTh', { required: true })}
          {textField('firstNameEn', {})}
          {textField('lastNameEn', {})}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('people.personalSection')}</legend>
        <div className="form-grid">
          {textField('birthDate', { hint: t('people.birthDateHint') })}
          <Field id={id('gender')} label={t('people.field.gender')} error={errors['gender']}>
            {({ describedBy, isInvalid }) => (
              <select
                id={id('gender')}
                value={values.gender}
                onChange={(event) => set('gender', event.target.value as UserFormValues['gender'])}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('people.genderUnspecified')}</option>
                {GENDERS.map((gender) => (
                  <option key={gender} value={gender}>
                    {t(`people.gender.${gender}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {textField('mobile', { type: 'tel', inputMode: 'tel', hint: t('people.mobileHint') })}
          {textField('email', { required: true, type: 'email', inputMode: 'email' })}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('people.workSection')}</legend>
        <div className="form-grid">
          {textField('position', {})}
          <UnitSelect
            id={id('unitId')}
            value={values.unitId}
            selectedName={unitName}
            error={errors['unitId']}
            onChange={(unit) => {
              onChange({ ...values, unitId: unit?.id ?? '' });
              onUnitNameChange(unit?.nameTh ?? null);
            }}
          />
          <SupervisorSelect
            id={id('supervisorId')}
            value={values.supervisorId}
            selectedName={supervisorName}
            excludeId={personId}
            error={errors['supervisorId']}
            onChange={(supervisor) => {
              onChange({ ...values, supervisorId: supervisor?.id ?? '' });
              onSupervisorNameChange(supervisor?.name ?? null);
            }}
          />
        </div>
      </fieldset>
    </div>
  );
}
