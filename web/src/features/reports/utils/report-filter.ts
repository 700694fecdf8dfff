import {
  CASE_STATES,
  CHANNELS,
  DRILL_MEASURES,
  formatBuddhistDate,
  type DrillFilter,
  type DrillMeasure,
  type ReportFilter,
  type ReportPeriod,
} from '@oscc/contract';
import type { Language } from '../../../i18n/language.ts';

/** The report filter's fields, in the order the address bar shows them. */
export const REPORT_FILTER_FIELDS = [
  'from',
  'to',
  'problem',
  'channel',
  'provinceCode',
  'districtCode',
  'agencyId',
] as const;
const DRILL_FIELDS = ['unitId', 'status', 'stepCode', 'month'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHECKS: Record<
  (typeof REPORT_FILTER_FIELDS)[number] | (typeof DRILL_FIELDS)[number],
  (value: string) => boolean
> = {
  from: (value) => DAY.test(value),
  to: (value) => DAY.test(value),
  problem: (value) => /^[a-z0-9_]{1,40}$/.test(value),
  channel: (value) => (CHANNELS as readonly string[]).includes(value),
  provinceCode: (value) => /^\d{2}$/.test(value),
  districtCode: (value) => /^\d{4}$/.test(value),
  agencyId: (value) => UUID.test(value),
  unitId: (value) => UUID.test(value),
  status: (value) => (CASE_STATES as readonly string[]).includes(value),
  stepCode: (value) => /^[a-z0-9_]{1,60}$/.test(value),
  month: (value) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value),
};

/** The filter the address bar holds; anything malformed (an edited link) is left out rather than sent. */
export function filterFromSearch(search: URLSearchParams): ReportFilter {
  const filter: Record<string, string> = {};
  for (const field of REPORT_FILTER_FIELDS) {
    const value = search.get(field)?.trim();
    if (value && CHECKS[field](value)) filter[field] = value;
  }
  return filter as ReportFilter;
}

/** The address-bar (and API) form of a filter: only the fields that are set. */
export function searchFromFilter(filter: ReportFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of REPORT_FILTER_FIELDS) {
    const value = filter[field];
    if (value) search.set(field, value);
  }
  return search;
}

/** What the drill-down list is asked for: the report's filter, where the figure lies, what it counts, the page. */
export interface DrillQuery {
  filter: ReportFilter;
  drill: DrillFilter;
  measure: DrillMeasure;
  offset: number;
}

export function drillQueryFromSearch(search: URLSearchParams): DrillQuery {
  const filter = filterFromSearch(search);
  const drill: Record<string, string> = {};
  for (const field of DRILL_FIELDS) {
    const value = search.get(field)?.trim();
    if (value && CHECKS[field](value)) drill[field] = value;
  }
  const measure = search.get('measure') ?? 'cases';
  const offset = Number(search.get('offset') ?? 0);
  return {
    filter,
    drill: drill as DrillFilter,
    measure: (DRILL_MEASURES as readonly string[]).includes(measure) ? (measure as DrillMeasure) : 'cases',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/**
 * The drill-down list's address for a figure: the report's filter with the figure's own place in it. A row stands
 * for one problem, channel, province or ministry, which replaces the filter's — except a ministry row under an
 * agency filter: the filter's agency lies within that ministry and is the narrower of the two.
 */
export function drillSearch(filter: ReportFilter, drill: DrillFilter, measure: DrillMeasure, offset = 0) {
  const search = searchFromFilter(filter);
  for (const [field, value] of Object.entries(drill)) {
    if (typeof value !== 'string' || value === '') continue;
    if (field === 'agencyId' && filter.agencyId) continue;
    search.set(field, value);
  }
  if (measure !== 'cases') search.set('measure', measure);
  if (offset > 0) search.set('offset', String(offset));
  return search;
}

export const PERIOD_PRESETS = ['this_month', 'last_month', 'last_12_months', 'fiscal_year', 'calendar_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
/** The server's own default, when the address names no period. */
export const DEFAULT_PRESET: PeriodPreset = 'last_12_months';

/** Today in Asia/Bangkok, as YYYY-MM-DD. */
export function bangkokToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const pad = (value: number) => String(value).padStart(2, '0');
const day = (year: number, month: number, date: number) => `${year}-${pad(month)}-${pad(date)}`;
/** The last day of a month (1-based). */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * A preset's days, up to today at most: this month; last month; the last twelve months (from the first of the month
 * eleven months ago, as the server counts them); the Thai fiscal year (ปีงบประมาณ, 1 October – 30 September: the
 * Budget Procedure Act B.E. 2561) so far; the calendar year so far.
 */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriod {
  const [year = 1970, month = 1] = today.split('-').map(Number);
  switch (preset) {
    case 'this_month':
      return { from: day(year, month, 1), to: today };
    case 'last_month': {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: day(y, m, 1), to: day(y, m, lastDay(y, m)) };
    }
    case 'last_12_months': {
      const index = year * 12 + (month - 1) - 11;
      return { from: day(Math.floor(index / 12), (index % 12) + 1, 1), to: today };
    }
    case 'fiscal_year': {
      const start = month >= 10 ? year : year - 1;
      return { from: day(start, 10, 1), to: earlier(day(start + 1, 9, 30), today) };
    }
    case 'calendar_year':
      return { from: day(year, 1, 1), to: today };
  }
}

/** The preset a filter's period is, if any (no period at all is the default preset). */
export function presetOf(filter: ReportFilter, today: string): PeriodPreset | null {
  if (!filter.from && !filter.to) return DEFAULT_PRESET;
  return (
    PERIOD_PRESETS.find((preset) => {
      const period = presetPeriod(preset, today);
      return period.from === filter.from && period.to === filter.to;
    }) ?? null
  );
}

/** The period a filter covers, as the server resolves it (the default when none is given). */
export function periodOf(filter: ReportFilter, today: string): ReportPeriod {
  const fallback = presetPeriod(DEFAULT_PRESET, today);
  return { from: filter.from ?? fallback.from, to: filter.to ?? (filter.from ? today : fallback.to) };
}

/** The fiscal year (B.E.) a day falls in: 1 October 2568 opens ปีงบประมาณ 2569. */
export function fiscalYearOf(today: string): number {
  const [year = 1970, month = 1] = today.split('-').map(Number);
  return (month >= 10 ? year + 1 : year) + 543;
}

const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month of the trend ("2025-10") in short form with the Buddhist-era year: "ต.ค. 68", "Oct 68". */
export function shortMonthLabel(month: string, language: Language): string {
  const [year = 1970, index = 1] = month.split('-').map(Number);
  const name = (language === 'en' ? ENGLISH_MONTHS : THAI_MONTHS)[index - 1] ?? '';
  return `${name} ${String(year + 543).slice(-2)}`;
}

/** A month in full-year form: "ต.ค. 2568". */
export function monthLabel(month: string, language: Language): string {
  const [year = 1970, index = 1] = month.split('-').map(Number);
  const name = (language === 'en' ? ENGLISH_MONTHS : THAI_MONTHS)[index - 1] ?? '';
  return `${name} ${year + 543}`;
}

/** A calendar day (YYYY-MM-DD, Bangkok) in the Buddhist era: "1 ต.ค. 2568". */
export function dayLabel(value: string, language: Language): string {
  return formatBuddhistDate(`${value}T12:00:00+07:00`, language);
}

/**
 * A period in words: whole months read "ต.ค. 2568 – ก.ย. 2569" (one month alone: "ต.ค. 2568"), other periods
 * "5 ต.ค. 2568 – 20 ต.ค. 2568".
 */
export function periodLabel(period: ReportPeriod, language: Language): string {
  const [fromYear = 1970, fromMonth = 1, fromDay = 1] = period.from.split('-').map(Number);
  const [toYear = 1970, toMonth = 1, toDay = 1] = period.to.split('-').map(Number);
  if (fromDay === 1 && toDay === lastDay(toYear, toMonth)) {
    const first = monthLabel(`${fromYear}-${pad(fromMonth)}`, language);
    const last = monthLabel(`${toYear}-${pad(toMonth)}`, language);
    return first === last ? first : `${first} – ${last}`;
  }
  return `${dayLabel(period.from, language)} – ${dayLabel(period.to, language)}`;
}
