import type { Agency, ProblemType, Province, Unit } from '@oscc/contract';
import { UNIT_TYPES } from '@oscc/contract';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedName, localizedRowName } from '../../../lib/format.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { UNIT_PAGE_SIZE, useUnits } from '../api/organisations.ts';
import {
  hasActiveFilters,
  UNIT_STATUSES,
  withFilter,
  DEFAULT_UNIT_FILTERS,
  type UnitFilters,
} from '../utils/unit-filters.ts';
import { AgencyOptions } from './agency-select.tsx';
import { PlaceSelects } from '../../../components/ui/place-selects.tsx';

interface UnitDirectoryProps {
  filters: UnitFilters;
  /** Writes the filters to the address bar (the one source of truth, so a link reproduces the list). */
  onFiltersChange: (filters: UnitFilters) => void;
  agencies: readonly Agency[] | undefined;
  provinces: readonly Province[] | undefined;
  problemTypes: readonly ProblemType[] | undefined;
}

/** The area filter's cascading selects, from the one area code kept in the address bar. */
function placeOfArea(areaCode: string | null) {
  const code = areaCode ?? '';
  return {
    provinceCode: code.slice(0, 2),
    districtCode: code.length >= 4 ? code.slice(0, 4) : '',
    subdistrictCode: code.length === 6 ? code : '',
  };
}

/** Units searched, filtered and paged on the server; every filter lives in the address bar. */
export function UnitDirectory({ filters, onFiltersChange, agencies, provinces, problemTypes }: UnitDirectoryProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [text, setText] = useState(filters.q);
  const q = useDebouncedValue(text.trim(), 300);

  // Typing settles into the address bar after a pause; a link or the back button puts its text in the box.
  useEffect(() => {
    if (q !== filters.q.trim()) onFiltersChange(withFilter(filters, { q }));
    // Only the settled text drives this; the filters are read as they are at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  const [shownQ, setShownQ] = useState(filters.q);
  if (filters.q !== shownQ) {
    setShownQ(filters.q);
    if (filters.q.trim() !== text.trim()) setText(filters.q);
  }

  // Every filter but the search, counted for the folded summary on a phone.
  const filterCount = [
    filters.agencyId,
    filters.provinceCode,
    filters.type,
    filters.problemType,
    filters.areaCode,
    filters.status === 'active' ? null : filters.status,
  ].filter(Boolean).length;
  // Open on a wide screen; on a phone folded (the results come first) unless a filter is already chosen.
  const [isFilterOpen, setIsFilterOpen] = useState(
    () => filterCount > 0 || window.matchMedia('(min-width: 48rem)').matches,
  );

  const units = useUnits(filters);
  const provinceNames = new Map(provinces?.map((province) => [province.code, localizedRowName(province, language)]));
  const agencyNames = new Map(agencies?.map((agency) => [agency.id, localizedRowName(agency, language)]));
  const columns: DataTableColumn<Unit>[] = [
    {
      key: 'name',
      header: t('units.columnName'),
      isRowHeader: true,
      cell: (unit) => <Link to={`/units/${unit.id}`}>{localizedRowName(unit, language)}</Link>,
    },
    { key: 'type', header: t('units.columnType'), cell: (unit) => t(`units.type.${unit.type}`) },
    {
      key: 'agency',
      header: t('units.columnAgency'),
      cell: (unit) => agencyNames.get(unit.agencyId) ?? t('home.none'),
    },
    {
      key: 'province',
      header: t('units.columnProvince'),
      cell: (unit) =>
        unit.provinceCode ? (provinceNames.get(unit.provinceCode) ?? unit.provinceCode) : t('home.none'),
    },
    {
      key: 'service',
      header: t('units.columnService'),
      cell: (unit) =>
        !unit.active ? (
          <span className="badge badge-muted">{t('units.inactive')}</span>
        ) : unit.open24Hours ? (
          <span className="badge badge-ok">{t('units.open24Hours')}</span>
        ) : (
          t('units.officeHours')
        ),
    },
    { key: 'code', header: t('units.columnCode'), className: 'code', cell: (unit) => unit.code },
  ];
  const change = (next: Partial<Omit<UnitFilters, 'offset'>>) => onFiltersChange(withFilter(filters, next));

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('units.unitsHeading')}
      </h2>
      <form
        role="search"
        aria-label={t('units.filtersLabel')}
        className="stack"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${ids}-q`}>{t('units.searchLabel')}</label>
          <p id={`${ids}-q-hint`} className="field-hint">
            {t('units.searchHint')}
          </p>
          <input
            id={`${ids}-q`}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            aria-describedby={`${ids}-q-hint`}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <details
          className="filters"
          open={isFilterOpen}
          onToggle={(event) => setIsFilterOpen(event.currentTarget.open)}
        >
          <summary>
            {t('units.filtersSummary')}
            {filterCount > 0 ? ` (${t('units.filtersChosen', { count: filterCount })})` : ''}
          </summary>
          <div className="stack">
            <div className="filter-grid">
              <div className="field">
                <label htmlFor={`${ids}-status`}>{t('units.statusFilter')}</label>
                <select
                  id={`${ids}-status`}
                  value={filters.status}
                  onChange={(event) => change({ status: event.target.value as UnitFilters['status'] })}
                >
                  {UNIT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`units.status.${status}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field field-wide">
                <label htmlFor={`${ids}-agency`}>{t('units.agencyFilter')}</label>
                <p id={`${ids}-agency-hint`} className="field-hint">
                  {t('units.agencyFilterHint')}
                </p>
                <select
                  id={`${ids}-agency`}
                  value={filters.agencyId ?? ''}
                  aria-describedby={`${ids}-agency-hint`}
                  onChange={(event) => change({ agencyId: event.target.value || null })}
                >
                  <option value="">{t('units.all')}</option>
                  <AgencyOptions agencies={agencies} includeInactive />
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-type`}>{t('units.typeFilter')}</label>
                <select
                  id={`${ids}-type`}
                  value={filters.type ?? ''}
                  onChange={(event) => change({ type: (event.target.value || null) as UnitFilters['type'] })}
                >
                  <option value="">{t('units.all')}</option>
                  {UNIT_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`units.type.${type}`)}
                    </option>
                  ))}
                </select>
              </div>
              <ProvinceSelect
                id={`${ids}-province`}
                label={t('units.provinceFilter')}
                provinces={provinces}
                value={filters.provinceCode}
                onChange={(provinceCode) => change({ provinceCode })}
              />
              <div className="field">
                <label htmlFor={`${ids}-problem`}>{t('units.problemTypeFilter')}</label>
                <select
                  id={`${ids}-problem`}
                  value={filters.problemType ?? ''}
                  onChange={(event) => change({ problemType: event.target.value || null })}
                >
                  <option value="">{t('units.all')}</option>
                  {problemTypes?.map((type) => (
                    <option key={type.code} value={type.code}>
                      {localizedName({ th: type.nameTh, en: type.nameEn }, language)}
                      {type.urgent ? ` (${t('units.urgent')})` : ''}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <fieldset className="fieldset">
              <legend>{t('units.areaFilter')}</legend>
              <p className="field-hint">{t('units.areaFilterHint')}</p>
              <div className="filter-grid">
                <PlaceSelects
                  idPrefix={`${ids}-area`}
                  value={placeOfArea(filters.areaCode)}
                  emptyLabels={{ province: t('units.all'), district: t('units.all'), subdistrict: t('units.all') }}
                  onChange={(place) =>
                    change({ areaCode: place.subdistrictCode || place.districtCode || place.provinceCode || null })
                  }
                />
              </div>
            </fieldset>
          </div>
        </details>
        {hasActiveFilters(filters) ? (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setText('');
                onFiltersChange(DEFAULT_UNIT_FILTERS);
              }}
            >
              {t('units.clearFilters')}
            </button>
          </div>
        ) : null}
      </form>

      <PagedResults
        query={units}
        emptyText={t('units.empty')}
        countClassName="result-count"
        offset={filters.offset}
        pageSize={UNIT_PAGE_SIZE}
        pagerLabel={t('units.pagination')}
        onOffsetChange={(next) => onFiltersChange({ ...filters, offset: next })}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={units.isFetching}
            columns={columns}
            rows={items}
            rowKey={(unit) => unit.id}
            rowClassName={(unit) => (unit.active ? undefined : 'row-inactive')}
          />
        )}
      </PagedResults>
    </section>
  );
}
