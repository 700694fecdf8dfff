import type { District, Province, Subdistrict } from '@oscc/contract';
import { Field } from './field.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { localizedRowName } from '../../lib/format.ts';
import { useDistricts, useProvinces, useSubdistricts } from '../../lib/reference-data.ts';

export interface PlaceCodes {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
}

export interface PickedPlace {
  province: Province | null;
  district: District | null;
  subdistrict: Subdistrict | null;
}

interface PlaceSelectsProps {
  idPrefix: string;
  value: PlaceCodes;
  onChange: (value: PlaceCodes, picked: PickedPlace) => void;
  /** What the empty choice of each level means here: "not given", "whole province", "all". */
  emptyLabels: { province: string; district: string; subdistrict: string };
  errors?: { province?: string; district?: string; subdistrict?: string };
  /** Shows postcodes next to subdistricts (for an address). */
  showPostcodes?: boolean;
}

/**
 * Province → district → subdistrict: each list loads when the level above is chosen, and choosing a level
 * clears the ones below. Renders the three fields only, so the form around it decides the layout.
 */
export function PlaceSelects({
  idPrefix,
  value,
  onChange,
  emptyLabels,
  errors = {},
  showPostcodes,
}: PlaceSelectsProps) {
  const { language, t } = useLanguage();
  const provinces = useProvinces();
  const districts = useDistricts(value.provinceCode || null);
  const subdistricts = useSubdistricts(value.districtCode || null);

  const province = provinces.data?.find((item) => item.code === value.provinceCode) ?? null;
  const district = districts.data?.find((item) => item.code === value.districtCode) ?? null;

  return (
    <>
      <Field id={`${idPrefix}-province`} label={t('geography.province')} error={errors.province}>
        {({ describedBy, isInvalid }) => (
          <select
            id={`${idPrefix}-province`}
            value={value.provinceCode}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              const code = event.target.value;
              onChange(
                { provinceCode: code, districtCode: '', subdistrictCode: '' },
                {
                  province: provinces.data?.find((item) => item.code === code) ?? null,
                  district: null,
                  subdistrict: null,
                },
              );
            }}
          >
            <option value="">{emptyLabels.province}</option>
            {provinces.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
              </option>
            ))}
            {value.provinceCode && !provinces.data ? (
              <option value={value.provinceCode}>{value.provinceCode}</option>
            ) : null}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-district`} label={t('geography.district')} error={errors.district}>
        {({ describedBy, isInvalid }) => (
          <select
            id={`${idPrefix}-district`}
            value={value.districtCode}
            disabled={!value.provinceCode}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            aria-busy={districts.isFetching || undefined}
            onChange={(event) => {
              const code = event.target.value;
              onChange(
                { ...value, districtCode: code, subdistrictCode: '' },
                { province, district: districts.data?.find((item) => item.code === code) ?? null, subdistrict: null },
              );
            }}
          >
            <option value="">{value.provinceCode ? emptyLabels.district : t('geography.chooseProvinceFirst')}</option>
            {districts.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
              </option>
            ))}
            {value.districtCode && !districts.data ? (
              <option value={value.districtCode}>{value.districtCode}</option>
            ) : null}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-subdistrict`} label={t('geography.subdistrict')} error={errors.subdistrict}>
        {({ describedBy, isInvalid }) => (
          <select
            id={`${idPrefix}-subdistrict`}
            value={value.subdistrictCode}
            disabled={!value.districtCode}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            aria-busy={subdistricts.isFetching || undefined}
            onChange={(event) => {
              const code = event.target.value;
              onChange(
                { ...value, subdistrictCode: code },
                { province, district, subdistrict: subdistricts.data?.find((item) => item.code === code) ?? null },
              );
            }}
          >
            <option value="">
              {value.districtCode ? emptyLabels.subdistrict : t('geography.chooseDistrictFirst')}
            </option>
            {subdistricts.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
                {showPostcodes && item.postcodes.length ? ` (${item.postcodes.join(', ')})` : ''}
              </option>
            ))}
            {value.subdistrictCode && !subdistricts.data ? (
              <option value={value.subdistrictCode}>{value.subdistrictCode}</option>
            ) : null}
          </select>
        )}
      </Field>
    </>
  );
}
