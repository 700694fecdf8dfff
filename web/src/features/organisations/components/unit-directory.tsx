import type { Agency, Province } from '@oscc/contract';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName, pageRange } from '../../../lib/format.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { agenciesWithUnits } from '../utils/agency-order.ts';
import { UNIT_PAGE_SIZE, useUnits } from '../api/organisations.ts';

interface UnitDirectoryProps {
  agencies: readonly Agency[] | undefined;
  provinces: readonly Province[] | undefined;
  agencyId: string | null;
  onAgencyChange: (agencyId: string | null) => void;
}

export function UnitDirectory({ agencies, provinces, agencyId, onAgencyChange }: UnitDirectoryProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [text, setText] = useState('');
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [page, setPage] = useState({ key: '', offset: 0 });
  const q = useDebouncedValue(text.trim(), 300);

  // Any change of filter starts again at the first page; the offset belongs to the filters it was set for.
  const filterKey = `${q}|${agencyId ?? ''}|${provinceCode ?? ''}`;
  const offset = page.key === filterKey ? page.offset : 0;
  const units = useUnits({ q, agencyId, provinceCode, offset });
  const provinceNames = new Map(provinces?.map((province) => [province.code, localizedRowName(province, language)]));
  const data = units.data;
  const range = data ? pageRange(data.offset, data.items.length, data.total) : null;

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('units.unitsHeading')}
      </h2>
      <form role="search" className="field-row" onSubmit={(event) => event.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={`${ids}-q`}>{t('units.searchLabel')}</label>
          <input
            id={`${ids}-q`}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-agency`}>{t('units.agencyFilter')}</label>
          <select
            id={`${ids}-agency`}
            value={agencyId ?? ''}
            onChange={(event) => onAgencyChange(event.target.value || null)}
          >
            <option value="">{t('units.all')}</option>
            {agencies
              ? agenciesWithUnits(agencies).map(({ agency }) => (
                  <option key={agency.id} value={agency.id}>
                    {localizedRowName(agency, language)}
                  </option>
                ))
              : null}
          </select>
        </div>
        <ProvinceSelect
          id={`${ids}-province`}
          label={t('units.provinceFilter')}
          provinces={provinces}
          value={provinceCode}
          onChange={setProvinceCode}
        />
      </form>

      {units.error ? <ErrorMessage error={units.error} /> : null}
      {!data && units.isPending ? <Loading /> : null}
      {data ? (
        <>
          <p className="muted" role="status" aria-live="polite">
            {data.total === 0 ? t('units.empty') : t('units.range', { ...range, total: data.total })}
          </p>
          {data.items.length > 0 ? (
            <div className="table-scroll" role="region" aria-labelledby={`${ids}-heading`} tabIndex={0}>
              <table className="table" aria-busy={units.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">{t('units.columnName')}</th>
                    <th scope="col">{t('units.columnType')}</th>
                    <th scope="col">{t('units.columnProvince')}</th>
                    <th scope="col">{t('units.columnService')}</th>
                    <th scope="col">{t('units.columnCode')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((unit) => (
                    <tr key={unit.id}>
                      <th scope="row" data-label={t('units.columnName')}>
                        {localizedRowName(unit, language)}
                      </th>
                      <td data-label={t('units.columnType')}>{t(`units.type.${unit.type}`)}</td>
                      <td data-label={t('units.columnProvince')}>
                        {unit.provinceCode
                          ? (provinceNames.get(unit.provinceCode) ?? unit.provinceCode)
                          : t('home.none')}
                      </td>
                      <td data-label={t('units.columnService')}>
                        {!unit.active ? (
                          <span className="badge badge-muted">{t('units.inactive')}</span>
                        ) : unit.open24Hours ? (
                          <span className="badge badge-ok">{t('units.open24Hours')}</span>
                        ) : (
                          t('units.officeHours')
                        )}
                      </td>
                      <td data-label={t('units.columnCode')} className="code">
                        {unit.code}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pager
            offset={offset}
            pageSize={UNIT_PAGE_SIZE}
            total={data.total}
            label={t('units.pagination')}
            onOffsetChange={(next) => setPage({ key: filterKey, offset: next })}
          />
        </>
      ) : null}
    </section>
  );
}
