import type { Province } from '@oscc/contract';
import { useLanguage } from '../../i18n/index.ts';
import { localizedRowName } from '../../lib/format.ts';

/** A labelled province filter: "all" or one of the 77 provinces, in the reader's language. */
export function ProvinceSelect({
  id,
  label,
  provinces,
  value,
  onChange,
}: {
  id: string;
  label: string;
  provinces: readonly Province[] | undefined;
  value: string | null;
  onChange: (provinceCode: string | null) => void;
}) {
  const { language, t } = useLanguage();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{t('units.all')}</option>
        {provinces?.map((province) => (
          <option key={province.code} value={province.code}>
            {localizedRowName(province, language)}
          </option>
        ))}
      </select>
    </div>
  );
}
