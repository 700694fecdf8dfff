import { ROLE_CODES, type RoleCode } from '@oscc/contract';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProvinces } from '../../../lib/reference-data.ts';
import { useMinistries } from '../api/people.ts';
import { roleScopeLevel, type RoleFormValues } from '../utils/user-form.ts';

interface RoleFieldsProps {
  idPrefix: string;
  values: RoleFormValues;
  onChange: (values: RoleFormValues) => void;
  errors: Record<string, string>;
}

/** One role and the scope it covers: the person's unit, a province, a ministry or the whole country. */
export function RoleFields({ idPrefix, values, onChange, errors }: RoleFieldsProps) {
  const { language, t } = useLanguage();
  const level = values.role ? roleScopeLevel(values.role) : null;
  const provinces = useProvinces();
  const ministries = useMinistries();
  const roleError = errors['roles'] ?? errors['roles.unitId'];

  return (
    <fieldset className="fieldset">
      <legend>{t('people.roleSection')}</legend>
      <div className="form-grid">
        <Field id={`${idPrefix}-role`} label={t('people.field.role')} error={roleError}>
          {({ describedBy, isInvalid }) => (
            <select
              id={`${idPrefix}-role`}
              value={values.role}
              onChange={(event) => onChange({ ...values, role: event.target.value as RoleCode | '' })}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
            >
              <option value="">{t('people.noRole')}</option>
              {ROLE_CODES.map((role) => (
                <option key={role} value={role}>
                  {t(`people.role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {level === 'unit' ? <p className="scope-note">{t('people.scopeUnit')}</p> : null}
        {level === 'nation' ? <p className="scope-note">{t('people.scopeNation')}</p> : null}
        {level === 'province' ? (
          <Field
            id={`${idPrefix}-province`}
            label={`${t('people.field.scopeProvince')} ${t('people.requiredMark')}`}
            error={errors['roles.provinceCode']}
          >
            {({ describedBy, isInvalid }) => (
              <select
                id={`${idPrefix}-province`}
                value={values.provinceCode}
                onChange={(event) => onChange({ ...values, provinceCode: event.target.value })}
                aria-required
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('people.chooseProvince')}</option>
                {provinces.data?.map((province) => (
                  <option key={province.code} value={province.code}>
                    {localizedRowName(province, language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {level === 'ministry' ? (
          <Field
            id={`${idPrefix}-agency`}
            label={`${t('people.field.scopeMinistry')} ${t('people.requiredMark')}`}
            error={errors['roles.agencyId']}
          >
            {({ describedBy, isInvalid }) => (
              <select
                id={`${idPrefix}-agency`}
                value={values.agencyId}
                onChange={(event) => onChange({ ...values, agencyId: event.target.value })}
                aria-required
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('people.chooseMinistry')}</option>
                {ministries.data?.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {localizedRowName(agency, language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
    </fieldset>
  );
}
