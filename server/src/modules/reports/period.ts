import {
  BANGKOK_TIME_ZONE,
  REPORT_MAX_DAYS,
  type ReportFilter,
  type ReportKind,
  type ReportPeriod,
} from '@oscc/contract';
import { AppError } from '../../platform/http/app-error.ts';

const DAY_MS = 86_400_000;
const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: BANGKOK_TIME_ZONE });

/** The Bangkok calendar day of an instant (YYYY-MM-DD). */
export function bangkokDay(instant: Date): string {
  return dayFormatter.format(instant);
}

/** The instant a Bangkok calendar day begins (Thailand keeps UTC+7 all year). */
export function bangkokDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BANGKOK_OFFSET_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: string, months: number): string {
  const date = new Date(`${firstOfMonth(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

export function lastOfMonth(day: string): string {
  return addDays(addMonths(day, 1), -1);
}

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The period a report covers. Given days are taken as they are (the last
 * included); without them the monthly report covers the last whole month and
 * the others the last twelve months — from the first day of the month eleven
 * months ago to today.
 */
export function resolvePeriod(kind: ReportKind, filter: Pick<ReportFilter, 'from' | 'to'>, now: Date): ReportPeriod {
  const today = bangkokDay(now);
  let from: string;
  let to: string;
  if (filter.from || filter.to) {
    to = filter.to ?? today;
    from = filter.from ?? addMonths(to, -11);
  } else if (kind === 'monthly') {
    from = addMonths(today, -1);
    to = lastOfMonth(from);
  } else {
    from = addMonths(today, -11);
    to = today;
  }
  if (from > to)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'query.from', code: 'after_to', message: 'วันเริ่มต้องไม่อยู่หลังวันสิ้นสุด / from is after to' }],
    });
  if (daysBetween(from, to) > REPORT_MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'query.from',
          code: 'too_long',
          message: `ช่วงเวลายาวได้ไม่เกิน ${REPORT_MAX_DAYS} วัน / a period is at most ${REPORT_MAX_DAYS} days`,
        },
      ],
    });
  return { from, to };
}

/**
 * The period cut where the monthly sums can answer: the whole months inside
 * it (first and last month, as first days), and the partial months at its
 * edges, which are counted case by case.
 */
export function splitPeriod(period: ReportPeriod): {
  months: { first: string; last: string } | null;
  edges: ReportPeriod[];
} {
  const first = period.from.endsWith('-01') ? period.from : addMonths(period.from, 1);
  const lastEnd = lastOfMonth(period.to) === period.to ? period.to : addDays(firstOfMonth(period.to), -1);
  if (first > lastEnd) return { months: null, edges: [period] };
  const edges: ReportPeriod[] = [];
  if (period.from < first) edges.push({ from: period.from, to: addDays(first, -1) });
  if (lastEnd < period.to) edges.push({ from: addDays(lastEnd, 1), to: period.to });
  return { months: { first, last: firstOfMonth(lastEnd) }, edges };
}

/** The months a period touches (YYYY-MM), in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const months: string[] = [];
  for (let month = firstOfMonth(period.from); month <= period.to; month = addMonths(month, 1))
    months.push(month.slice(0, 7));
  return months;
}
