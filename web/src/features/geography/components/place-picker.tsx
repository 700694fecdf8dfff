import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDistricts, useProvinces, useSubdistricts } from '../api/geography.ts';

/** Province → district → subdistrict, each list loaded once its parent is chosen. */
export function PlacePicker() {
  const { language, t } = useLanguage();
  const ids = useId();
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [districtCode, setDistrictCode] = useState<string | null>(null);
  const [subdistrictCode, setSubdistrictCode] = useState<string | null>(null);
  const provinces = useProvinces();
  const districts = useDistricts(provinceCode);
  const subdistricts = useSubdistricts(districtCode);

  const province = provinces.data?.find((item) => item.code === provinceCode) ?? null;
  const district = districts.data?.find((item) => item.code === districtCode) ?? null;
  const subdistrict = subdistricts.data?.find((item) => item.code === subdistrictCode) ?? null;
  const error = provinces.error ?? districts.error ?? subdistricts.error;

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('geography.browseHeading')}
      </h2>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-province`}>{t('geography.province')}</label>
          <select
            id={`${ids}-province`}
            value={provinceCode ?? ''}
            onChange={(event) => {
              setProvinceCode(event.target.value || null);
              setDistrictCode(null);
              setSubdistrictCode(null);
            }}
          >
            <option value="">{t('geography.chooseProvince')}</option>
            {provinces.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-district`}>{t('geography.district')}</label>
          <select
            id={`${ids}-district`}
            value={districtCode ?? ''}
            disabled={!provinceCode}
            onChange={(event) => {
              setDistrictCode(event.target.value || null);
              setSubdistrictCode(null);
            }}
          >
            <option value="">
              {provinceCode ? t('geography.chooseDistrict') : t('geography.chooseProvinceFirst')}
            </option>
            {districts.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-subdistrict`}>{t('geography.subdistrict')}</label>
          <select
            id={`${ids}-subdistrict`}
            value={subdistrictCode ?? ''}
            disabled={!districtCode}
            onChange={(event) => setSubdistrictCode(event.target.value || null)}
          >
            <option value="">
              {districtCode ? t('geography.chooseSubdistrict') : t('geography.chooseDistrictFirst')}
            </option>
            {subdistricts.data?.map((item) => (
              <option key={item.code} value={item.code}>
                {localizedRowName(item, language)}
                {item.postcodes.length ? ` (${item.postcodes.join(', ')})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {province ? (
        <div className="selected-place" aria-live="polite">
          <h3 className="selected-place-title">{t('geography.selectedPlace')}</h3>
          <dl className="details details-compact">
            <div>
              <dt>{t('geography.province')}</dt>
              <dd>{localizedRowName(province, language)}</dd>
            </div>
            {district ? (
              <div>
                <dt>{t('geography.district')}</dt>
                <dd>{localizedRowName(district, language)}</dd>
              </div>
            ) : null}
            {subdistrict ? (
              <>
                <div>
                  <dt>{t('geography.subdistrict')}</dt>
                  <dd>{localizedRowName(subdistrict, language)}</dd>
                </div>
                <div>
                  <dt>{t('geography.postcode')}</dt>
                  <dd className="postcode">{subdistrict.postcodes.join(', ') || t('home.none')}</dd>
                </div>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
    </section>
  );
}
