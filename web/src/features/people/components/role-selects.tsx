import { ROLE_CODES, type RoleCode } from '@oscc/contract';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useProvinces } from '../../../lib/reference-data.ts';
import { useMinistries } from '../api/people.ts';

interface RoleSelectProps {
  id: string;
  value: RoleCode | '';
  hint?: string | undefined;
  error?: string | null | undefined;
  onChange: (role: RoleCode | '') => void;
}

/** The role of an assignment, or none yet. */
export function RoleSelect({ id, value, hint, error, onChange }: RoleSelectProps) {
  const { t } = useLanguage();
  return (
    <Field id={id} label={t('people.field.role')} hint={hint} error={error}>
      {({ describedBy, isInvalid }) => (
        <select
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value as RoleCode | '')}
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
  );
}

/** Where a role's scope is chosen: a province by its code, a ministry by its agency id. */
interface RoleScope {
  provinceCode: string;
  agencyId: string;
}

interface ScopeSelectProps {
  idPrefix: string;
  /** A province-level role covers a province; a ministry-level role a ministry. */
  level: 'province' | 'ministry';
  scope: RoleScope;
  error?: string | null | undefined;
  /** Gets the one field that changed. */
  onChange: (change: Partial<RoleScope>) => void;
}

/** Per level: the field it sets, its control's id suffix, its label and prompt. */
const SCOPES = {
  province: {
    field: 'provinceCode',
    idSuffix: 'province',
    label: 'people.field.scopeProvince',
    choose: 'people.chooseProvince',
  },
  ministry: {
    field: 'agencyId',
    idSuffix: 'agency',
    label: 'people.field.scopeMinistry',
    choose: 'people.chooseMinistry',
  },
} as const;

/** The required province or ministry a role covers, named in the reader's language. */
export function ScopeSelect({ idPrefix, level, scope, error, onChange }: ScopeSelectProps) {
  const { language, t } = useLanguage();
  const provinces = useProvinces();
  const ministries = useMinistries();
  const { field, idSuffix, label, choose } = SCOPES[level];
  const id = `${idPrefix}-${idSuffix}`;
  const options =
    level === 'province'
      ? provinces.data?.map((province) => ({ value: province.code, name: localizedRowName(province, language) }))
      : ministries.data?.map((agency) => ({ value: agency.id, name: localizedRowName(agency, language) }));

  return (
    <Field id={id} label={`${t(label)} ${t('people.requiredMark')}`} error={error}>
      {({ describedBy, isInvalid }) => (
        <select
          id={id}
          value={scope[field]}
          onChange={(event) => onChange({ [field]: event.target.value })}
          aria-required
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        >
          <option value="">{t(choose)}</option>
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
