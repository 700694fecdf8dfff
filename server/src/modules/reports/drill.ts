import type { DrillMeasure, ReportCasePage, ReportCasesQuery, ReportPeriod } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import {
  cohortFigures,
  drillPredicate,
  liveFigures,
  resolveFilter,
  sumsCanCount,
  type CohortMeasures,
  type ResolvedFilter,
} from './figures.ts';
import type { ReportScope } from './report-scope.ts';
import { resolvePeriod } from './period.ts';
import { reportScope } from './report-scope.ts';

/** The figures the sums keep, by the measure that lists their cases. */
const SUMMED: Partial<Record<DrillMeasure, keyof CohortMeasures>> = {
  cases: 'cases',
  crisis: 'crisis',
  closed: 'closed',
  reached_met: 'reachedMet',
  reached_breached: 'reachedBreached',
  reached_pending: 'reachedPending',
};

/**
 * How many cases a figure has: read from the sums when they keep it (the
 * same number the report shows, without counting a few hundred thousand
 * rows), else counted.
 */
async function figureTotal(
  db: Kysely<Database>,
  period: ReportPeriod,
  filter: ResolvedFilter,
  measure: DrillMeasure,
  scope: ReportScope,
  where: ReturnType<typeof drillPredicate>,
  now: Date,
): Promise<number> {
  const summed = SUMMED[measure];
  if (summed && sumsCanCount(filter, scope))
    return (await cohortFigures(db, period, filter, scope, ['month'])).total[summed];
  if ((measure === 'overdue_now' || measure === 'open_alarms') && sumsCanCount(filter, scope)) {
    const live = (await liveFigures(db, now, filter, scope, ['month'])).total;
    return measure === 'overdue_now' ? live.overdueNow : live.openAlarms;
  }
  const counted = await sql<{ total: number }>`select count(*)::int as total from case_report r where ${where}`.execute(
    db,
  );
  return counted.rows[0]?.total ?? 0;
}

/**
 * The cases behind one figure, newest first: the report's filter, the
 * figure's row (drill) and what it counts (measure), within the viewer's
 * scope. No personal data: numbers, dates, codes and the unit.
 */
export async function listReportCases(
  db: Kysely<Database>,
  actor: Principal,
  query: ReportCasesQuery,
  now: Date,
): Promise<ReportCasePage> {
  const period = resolvePeriod('dashboard', query, now);
  const scope = await reportScope(db, actor, 'reports.read');
  const { measure, limit, offset, ...filter } = query;
  const resolved = await resolveFilter(db, filter);
  const where = drillPredicate(period, resolved, measure, scope, now);
  const total = await figureTotal(db, period, resolved, measure, scope, where, now);
  const rows = await sql<{
    case_id: string;
    case_number: string;
    received_at: Date | string;
    status: ReportCasePage['items'][number]['status'];
    channel: ReportCasePage['items'][number]['channel'];
    crisis: boolean;
    problem_code: string | null;
    province_code: string | null;
    unit_id: string | null;
    unit_name_th: string | null;
    unit_name_en: string | null;
    first_contact: string | null;
    first_contact_minutes: number | null;
    closed_at: Date | string | null;
  }>`
    select r.case_id, f.case_number, r.received_at, r.status, r.channel, r.crisis, r.problem_code, r.province_code,
      r.unit_id, u.name_th as unit_name_th, u.name_en as unit_name_en, r.first_contact, r.first_contact_minutes, r.closed_at
    from (select r.* from case_report r where ${where}
          order by r.received_day desc, r.received_at desc, r.case_id desc limit ${limit} offset ${offset}) r
    join case_file f on f.id = r.case_id
    left join unit u on u.id = r.unit_id
    order by r.received_day desc, r.received_at desc, r.case_id desc`.execute(db);
  const iso = (value: Date | string) => new Date(value).toISOString();
  return {
    items: rows.rows.map((row) => ({
      id: row.case_id,
      caseNumber: row.case_number,
      receivedAt: iso(row.received_at),
      status: row.status,
      channel: row.channel,
      crisis: row.crisis,
      problem: row.problem_code,
      provinceCode: row.province_code,
      unit: row.unit_id ? { id: row.unit_id, nameTh: row.unit_name_th ?? '', nameEn: row.unit_name_en } : null,
      firstContact: row.first_contact === 'met' || row.first_contact === 'breached' ? row.first_contact : null,
      firstContactMinutes: row.first_contact_minutes,
      closedAt: row.closed_at ? iso(row.closed_at) : null,
    })),
    total,
    limit,
    offset,
  };
}
