import { useLanguage } from '../../../i18n/index.ts';
import { roleScopeLevel, type RoleFormValues } from '../utils/user-form.ts';
import { RoleSelect, ScopeSelect } from './role-selects.tsx';

interface RoleFieldsProps {
  idPrefix: string;
  values: RoleFormValues;
  onChange: (values: RoleFormValues) => void;
  errors: Record<string, string>;
}

/** One role and the scope it covers: the person's unit, a province, a ministry or the whole country. */
export function RoleFields({ idPrefix, values, onChange, errors }: RoleFieldsProps) {
  const { t } = useLanguage();
  const level = values.role ? roleScopeLevel(values.role) : null;
  const roleError = errors['roles'] ?? errors['roles.unitId'];

  return (
    <fieldset className="fieldset">
      <legend>{t('people.roleSection')}</legend>
      <div className="form-grid">
        <RoleSelect
          id={`${idPrefix}-role`}
          value={values.role}
          error={roleError}
          onChange={(role) => onChange({ ...values, role })}
        />
        {level === 'unit' ? <p className="scope-note">{t('people.scopeUnit')}</p> : null}
        {level === 'nation' ? <p className="scope-note">{t('people.scopeNation')}</p> : null}
        {level === 'province' || level === 'ministry' ? (
          <ScopeSelect
            idPrefix={idPrefix}
            level={level}
            scope={values}
            error={errors[level === 'province' ? 'roles.provinceCode' : 'roles.agencyId']}
            onChange={(change) => onChange({ ...values, ...change })}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
