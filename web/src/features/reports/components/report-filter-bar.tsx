import { type ReportFilter, type ReportPeriod } from '@oscc/contract';
import { useId } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import { BuddhistDateField } from './buddhist-date-field.tsx';
import { ReportFilterFields } from './report-filter-fields.tsx';
import {
  fiscalYearOf,
  PERIOD_PRESETS,
  periodOf,
  presetOf,
  presetPeriod,
  type PeriodPreset,
} from '../utils/report-filter.ts';

/**
 * The filters every report takes, applied as they change (the address bar holds them, so a filtered dashboard can
 * be bookmarked or sent on): a period — a preset or two days — the problem, the channel, the province and the
 * ministry or agency. Days are chosen as day, month and Buddhist-era year.
 */
export function ReportFilterBar({
  filter,
  today,
  defaultPeriod,
  onChange,
}: {
  filter: ReportFilter;
  today: string;
  /**
   * The period the report covers when the address names none, if it is not the last twelve months (the monthly
   * report takes last month): shown as chosen, and every preset then sets its days explicitly.
   */
  defaultPeriod?: ReportPeriod;
  onChange: (filter: ReportFilter) => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const hasDates = Boolean(filter.from || filter.to);
  const period = !hasDates && defaultPeriod ? defaultPeriod : periodOf(filter, today);
  const active = presetOf(hasDates || !defaultPeriod ? filter : period, today);
  const set = (changes: Partial<ReportFilter>) => {
    const next: ReportFilter = { ...filter, ...changes };
    for (const key of Object.keys(next) as (keyof ReportFilter)[]) if (!next[key]) delete next[key];
    // A district belongs to one province: it goes when the province changes.
    if ('provinceCode' in changes && changes.provinceCode !== filter.provinceCode) delete next.districtCode;
    onChange(next);
  };
  const choosePreset = (preset: PeriodPreset) =>
    // The default needs no dates in the address: the server's own default is the same period.
    set(
      preset === 'last_12_months' && !defaultPeriod ? { from: undefined, to: undefined } : presetPeriod(preset, today),
    );
  const presetName = (preset: PeriodPreset) =>
    preset === 'fiscal_year'
      ? t('reports.filter.preset.fiscal_year', { year: fiscalYearOf(today) })
      : t(`reports.filter.preset.${preset}`);
  const hasFilters = Object.keys(filter).length > 0;

  return (
    <section className="card report-filters stack" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('reports.filter.heading')}
        </h2>
        {hasFilters ? (
          <button type="button" className="button button-small" onClick={() => onChange({})}>
            {t('reports.filter.clear')}
          </button>
        ) : null}
      </div>
      <div className="report-presets" role="group" aria-label={t('reports.filter.presetsLabel')}>
        {PERIOD_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className={preset === active ? 'button button-small button-primary' : 'button button-small'}
            aria-pressed={preset === active}
            onClick={() => choosePreset(preset)}
          >
            {presetName(preset)}
          </button>
        ))}
      </div>
      <div className="report-dates">
        <BuddhistDateField
          label={t('reports.filter.from')}
          value={period.from}
          today={today}
          onChange={(from) => set({ from, to: from > period.to ? from : period.to })}
        />
        <BuddhistDateField
          label={t('reports.filter.to')}
          value={period.to}
          today={today}
          onChange={(to) => set({ from: to < period.from ? to : period.from, to })}
        />
      </div>
      <div className="filter-grid">
        <ReportFilterFields idPrefix={ids} value={filter} onChange={set} />
      </div>
    </section>
  );
}
