import type { DrillFilter, DrillMeasure, ReportFilter, ReportPeriod } from '@oscc/contract';
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { bangkokDayStart, addDays, splitPeriod } from './period.ts';
import type { ReportScope } from './report-scope.ts';

/**
 * The SQL behind every figure. Figures of the cases received in a period
 * come from the monthly sums (`case_report_month` + pending deltas) for the
 * whole months inside it and from the per-case rows (`case_report`) for the
 * partial months at its edges — or from the per-case rows alone when a
 * filter or a rule needs what the sums do not keep (a district, an agency
 * below a ministry, a unit). Both give the same numbers; the tests check it.
 */

export const DIMENSIONS = ['problem', 'channel', 'status', 'ministry', 'province', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
const COLUMN: Record<Dimension, string> = {
  problem: 'problem_code',
  channel: 'channel',
  status: 'status',
  ministry: 'ministry_id',
  province: 'province_code',
  month: 'month',
};

export interface CohortMeasures {
  cases: number;
  crisis: number;
  closed: number;
  reachedMet: number;
  reachedBreached: number;
  reachedPending: number;
  stepsMet: number;
  stepsBreached: number;
}
export interface LiveMeasures {
  overdueNow: number;
  openAlarms: number;
}
export type Measures = CohortMeasures & LiveMeasures;

export const EMPTY: Measures = {
  cases: 0,
  crisis: 0,
  closed: 0,
  reachedMet: 0,
  reachedBreached: 0,
  reachedPending: 0,
  stepsMet: 0,
  stepsBreached: 0,
  overdueNow: 0,
  openAlarms: 0,
};

/** A report's filter with its agency resolved: a ministry is a column of the sums, a branch below one is not. */
export interface ResolvedFilter extends Omit<ReportFilter, 'from' | 'to' | 'agencyId'>, DrillFilter {
  ministryId?: string;
  /** The materialised path of an agency below a ministry: its units' cases. */
  agencyPath?: string;
}

export async function resolveFilter(db: Kysely<Database>, filter: ReportFilter & DrillFilter): Promise<ResolvedFilter> {
  const { from: _from, to: _to, agencyId, ...rest } = filter;
  const resolved: ResolvedFilter = { ...rest };
  if (agencyId) {
    const agency = await db
      .selectFrom('agency')
      .select(['parent_id', 'path'])
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'query.agencyId', code: 'unknown_agency', message: 'ไม่พบหน่วยงานนี้ / No such agency' }],
      });
    if (agency.parent_id === null) resolved.ministryId = agencyId;
    else resolved.agencyPath = agency.path ?? '/none/';
  }
  return resolved;
}

const TRUE = sql<SqlBool>`true`;

function and(parts: Expression<SqlBool>[]): Expression<SqlBool> {
  if (parts.length === 0) return TRUE;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Whether the monthly sums can answer this filter (they keep no district, agency branch, unit or step). */
function monthsCanAnswer(filter: ResolvedFilter, scope: ReportScope): boolean {
  return !filter.districtCode && !filter.agencyPath && !filter.unitId && !filter.stepCode && scope.months !== null;
}

/** Whether the sums can count the cases of this filter (a drill's month and status are columns of them too). */
export function sumsCanCount(filter: ResolvedFilter, scope: ReportScope): boolean {
  return monthsCanAnswer(filter, scope);
}

/** The filter over the monthly sums' columns (only what they keep). */
function monthConditions(filter: ResolvedFilter): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [];
  if (filter.problem) parts.push(sql<SqlBool>`problem_code = ${filter.problem}`);
  if (filter.channel) parts.push(sql<SqlBool>`channel = ${filter.channel}`);
  if (filter.provinceCode) parts.push(sql<SqlBool>`province_code = ${filter.provinceCode}`);
  if (filter.ministryId) parts.push(sql<SqlBool>`ministry_id = ${filter.ministryId}`);
  if (filter.status) parts.push(sql<SqlBool>`status = ${filter.status}`);
  if (filter.month) parts.push(sql<SqlBool>`month = ${`${filter.month}-01`}::date`);
  return parts;
}

/** A step code of a drill: a procedure step's code, or `first_contact` for the 24-hour clock. */
function deadlineStep(stepCode: string): Expression<SqlBool> {
  return stepCode === 'first_contact'
    ? sql<SqlBool>`d.kind = 'first_contact'`
    : sql<SqlBool>`d.kind <> 'first_contact' and d.step_code = ${stepCode}`;
}

/**
 * The filter over the per-case rows `r`. With `deadlineMode`, a unit and a
 * step are those of the case's clocks (compliance per unit and step), not
 * the case's responsible unit.
 */
function caseConditions(filter: ResolvedFilter, deadlineMode = false): Expression<SqlBool>[] {
  const parts: Expression<SqlBool>[] = [];
  if (filter.problem) parts.push(sql<SqlBool>`r.problem_code = ${filter.problem}`);
  if (filter.channel) parts.push(sql<SqlBool>`r.channel = ${filter.channel}`);
  if (filter.provinceCode) parts.push(sql<SqlBool>`r.province_code = ${filter.provinceCode}`);
  if (filter.districtCode) parts.push(sql<SqlBool>`r.district_code = ${filter.districtCode}`);
  if (filter.ministryId) parts.push(sql<SqlBool>`r.ministry_id = ${filter.ministryId}`);
  if (filter.agencyPath)
    parts.push(sql<SqlBool>`r.agency_id in (select id from agency where path like ${`${filter.agencyPath}%`})`);
  if (filter.status) parts.push(sql<SqlBool>`r.status = ${filter.status}`);
  if (filter.month) parts.push(sql<SqlBool>`r.month = ${`${filter.month}-01`}::date`);
  if (!deadlineMode) {
    if (filter.unitId) parts.push(sql<SqlBool>`r.unit_id = ${filter.unitId}`);
    if (filter.stepCode)
      parts.push(
        sql<SqlBool>`exists (select 1 from deadline d where d.case_id = r.case_id and ${deadlineStep(filter.stepCode)})`,
      );
  }
  return parts;
}

function inPeriod(period: ReportPeriod | ReportPeriod[]): Expression<SqlBool> {
  const periods = Array.isArray(period) ? period : [period];
  return sql<SqlBool>`(${sql.join(
    periods.map((p) => sql`r.received_day between ${p.from}::date and ${p.to}::date`),
    sql` or `,
  )})`;
}

const MONTH_COLUMNS = sql.raw(
  'month, province_code, ministry_id, problem_code, channel, status, cases, crisis, closed, reached_met, reached_breached, reached_pending, steps_met, steps_breached, overdue, alarmed',
);
const CASE_AS_MONTH_ROW = sql.raw(`r.month, r.province_code, r.ministry_id, r.problem_code, r.channel, r.status,
  1 as cases, r.crisis::int as crisis, (r.status = 'closed')::int as closed,
  (r.first_contact = 'met')::int as reached_met, (r.first_contact = 'breached')::int as reached_breached,
  (r.first_contact = 'pending')::int as reached_pending, r.steps_met, r.steps_breached,
  r.overdue::int as overdue, r.alarmed::int as alarmed`);

/**
 * The one single scope the sums per scope (`report_marginal`) can answer
 * for this viewer and filter: the nation, a ministry, a province, a problem
 * or a channel — or null when the question crosses two of them.
 */
function marginalScope(filter: ResolvedFilter, scope: ReportScope): string | null {
  if (!monthsCanAnswer(filter, scope) || filter.status || filter.month || !scope.key) return null;
  const keys = new Set<string>();
  if (scope.key !== 'nation') keys.add(scope.key);
  if (filter.ministryId) keys.add(`ministry:${filter.ministryId}`);
  if (filter.provinceCode) keys.add(`province:${filter.provinceCode}`);
  if (filter.problem) keys.add(`problem:${filter.problem}`);
  if (filter.channel) keys.add(`channel:${filter.channel}`);
  if (keys.size === 0) return 'nation';
  return keys.size === 1 ? [...keys][0]! : null;
}

/** Where the figures of a period come from: which sums for its whole months, and which days case by case. */
function plan(period: ReportPeriod, filter: ResolvedFilter, scope: ReportScope) {
  const split = splitPeriod(period);
  if (!split.months || !monthsCanAnswer(filter, scope)) return { months: null, marginal: null, caseDays: [period] };
  return { months: split.months, marginal: marginalScope(filter, scope), caseDays: split.edges };
}

function monthsWhere(months: { first: string; last: string }, filter: ResolvedFilter, scope: ReportScope) {
  return and([
    sql<SqlBool>`month between ${months.first}::date and ${months.last}::date`,
    ...monthConditions(filter),
    scope.months!,
  ]);
}

function caseRows(periods: ReportPeriod[], filter: ResolvedFilter, scope: ReportScope, only?: Expression<SqlBool>) {
  return sql`select ${CASE_AS_MONTH_ROW} from case_report r
    where ${inPeriod(periods)} and ${and(caseConditions(filter))} and ${scope.cases} ${only ? sql`and ${only}` : sql``}`;
}

/** The total and one set per dimension (at least one: `grouping(…)` needs its columns grouped somewhere). */
function groupingSets(dimensions: readonly Dimension[]): RawBuilder<unknown> {
  return sql.raw(`grouping sets (${['()', ...dimensions.map((d) => `(${COLUMN[d]})`)].join(', ')})`);
}

/** `grouping(…)` over the dimensions asked for (which set a row belongs to), and their keys as text. */
function groupingOf(dimensions: readonly Dimension[]): RawBuilder<unknown> {
  const keys = DIMENSIONS.map((d) => {
    if (!dimensions.includes(d)) return `null::text as ${COLUMN[d]}`;
    if (d === 'ministry') return 'ministry_id::text as ministry_id';
    if (d === 'month') return "to_char(month, 'YYYY-MM') as month";
    return COLUMN[d];
  });
  return sql.raw(`grouping(${dimensions.map((d) => COLUMN[d]).join(', ')})::int as g, ${keys.join(', ')}`);
}

export type Breakdown<T> = { total: T; by: Record<Dimension, Map<string | null, T>> };

function emptyBreakdown<T>(total: T): Breakdown<T> {
  return {
    total,
    by: Object.fromEntries(DIMENSIONS.map((d) => [d, new Map()])) as Record<Dimension, Map<string | null, T>>,
  };
}

interface GroupedRow {
  g: number;
  problem_code: string | null;
  channel: string | null;
  status: string | null;
  ministry_id: string | null;
  province_code: string | null;
  month: string | null;
}

interface MeasureRow {
  cases: number;
  crisis: number;
  closed: number;
  reached_met: number;
  reached_breached: number;
  reached_pending: number;
  steps_met: number;
  steps_breached: number;
  overdue: number;
  alarmed: number;
}

function keyOf(row: GroupedRow, dimension: Dimension): string | null {
  return row[COLUMN[dimension] as keyof GroupedRow] as string | null;
}

/** Which dimension a grouped row is for (null: the total). */
function dimensionOf(g: number, dimensions: readonly Dimension[]): Dimension | null {
  if (g === (1 << dimensions.length) - 1) return null;
  const index = dimensions.findIndex((_, i) => (g & (1 << (dimensions.length - 1 - i))) === 0);
  return dimensions[index] ?? null;
}

function measuresOf(row: MeasureRow): Measures {
  return {
    overdueNow: row.overdue,
    openAlarms: row.alarmed,
    cases: row.cases,
    crisis: row.crisis,
    closed: row.closed,
    reachedMet: row.reached_met,
    reachedBreached: row.reached_breached,
    reachedPending: row.reached_pending,
    stepsMet: row.steps_met,
    stepsBreached: row.steps_breached,
  };
}

function addInto(target: Map<string | null, Measures>, key: string | null, add: Measures) {
  const current = target.get(key);
  if (!current) return void target.set(key, { ...add });
  for (const name of Object.keys(add) as (keyof Measures)[]) current[name] += add[name];
}

const SUMS = sql.raw(`coalesce(sum(cases), 0)::int as cases, coalesce(sum(crisis), 0)::int as crisis,
  coalesce(sum(closed), 0)::int as closed,
  coalesce(sum(reached_met), 0)::int as reached_met, coalesce(sum(reached_breached), 0)::int as reached_breached,
  coalesce(sum(reached_pending), 0)::int as reached_pending,
  coalesce(sum(steps_met), 0)::int as steps_met, coalesce(sum(steps_breached), 0)::int as steps_breached,
  coalesce(sum(overdue), 0)::int as overdue, coalesce(sum(alarmed), 0)::int as alarmed`);

/** Rows shaped like the monthly sums, grouped by every dimension at once, into a breakdown. */
async function grouped(
  db: Kysely<Database>,
  source: RawBuilder<unknown>,
  dimensions: readonly Dimension[],
  into: Breakdown<Measures>,
) {
  const rows = await sql<GroupedRow & MeasureRow>`select ${groupingOf(dimensions)}, ${SUMS}
    from (${source}) s where status <> 'merged' group by ${groupingSets(dimensions)}`.execute(db);
  for (const row of rows.rows) {
    const dimension = dimensionOf(row.g, dimensions);
    const measures = measuresOf(row);
    if (dimension === null) {
      for (const name of Object.keys(measures) as (keyof Measures)[]) into.total[name] += measures[name];
    } else addInto(into.by[dimension], keyOf(row, dimension), measures);
  }
}

/** The sums per single scope: one row per month, dimension and key. */
async function marginal(
  db: Kysely<Database>,
  months: { first: string; last: string },
  scopeKey: string,
  into: Breakdown<Measures>,
) {
  const rows = await sql<MeasureRow & { month: string; dim: string; key: string }>`
    select to_char(month, 'YYYY-MM') as month, dim, key, ${SUMS}
    from report_marginal
    where scope = ${scopeKey} and month between ${months.first}::date and ${months.last}::date
      and not (dim = 'status' and key = 'merged')
    group by month, dim, key`.execute(db);
  for (const row of rows.rows) {
    const measures = measuresOf(row);
    if (row.dim === 'total') {
      addInto(into.by.month, row.month, measures);
      for (const name of Object.keys(measures) as (keyof Measures)[]) into.total[name] += measures[name];
    } else if (row.dim in into.by) {
      const dimension = row.dim as Dimension;
      addInto(into.by[dimension], row.key === 'none' ? null : row.key, measures);
    }
  }
}

/**
 * The figures of the period's cases: in total and by each dimension asked
 * for — from the sums per scope, or the combined monthly sums, for the whole
 * months, plus the deltas not yet folded into them, plus the partial months
 * case by case.
 */
export async function cohortFigures(
  db: Kysely<Database>,
  period: ReportPeriod,
  filter: ResolvedFilter,
  scope: ReportScope,
  dimensions: readonly Dimension[],
  /** Read case by case only the rows that can count (the sums need no such help). */
  only?: Expression<SqlBool>,
): Promise<Breakdown<Measures>> {
  const result = emptyBreakdown<Measures>({ ...EMPTY });
  const { months, marginal: scopeKey, caseDays } = plan(period, filter, scope);
  const parts: RawBuilder<unknown>[] = [];
  if (months) {
    const where = monthsWhere(months, filter, scope);
    if (scopeKey) await marginal(db, months, scopeKey, result);
    else parts.push(sql`select ${MONTH_COLUMNS} from case_report_month where ${where}`);
    parts.push(sql`select ${MONTH_COLUMNS} from case_report_delta where ${where}`);
  }
  if (caseDays.length) parts.push(caseRows(caseDays, filter, scope, only));
  await grouped(db, sql`${sql.join(parts, sql` union all `)}`, dimensions, result);
  // A group can cancel out to nothing (its cases moved elsewhere) while its deltas wait.
  for (const dimension of DIMENSIONS)
    for (const [key, measures] of result.by[dimension]) if (measures.cases === 0) result.by[dimension].delete(key);
  return result;
}

/** Every month there is: the state of now counts all cases, whenever they came. */
const ALL_TIME: ReportPeriod = { from: '1900-01-01', to: '2999-12-31' };
const DUE_UNMARKED = (now: Date) =>
  sql`select case_id from deadline where status = 'open' and result is null and due_at < ${now}`;

/**
 * Cases with a clock past its time, and with an alarm not yet resolved —
 * now, whatever the period. The breach of a clock is recorded by the checker
 * within seconds of its due time and kept in the sums (`overdue`); the clocks
 * past due that it has not marked yet (normally none; many only while no
 * worker runs) are added from the open clocks.
 */
export async function liveFigures(
  db: Kysely<Database>,
  now: Date,
  filter: ResolvedFilter,
  scope: ReportScope,
  dimensions: readonly Dimension[],
): Promise<Breakdown<LiveMeasures>> {
  const sums = await cohortFigures(db, ALL_TIME, filter, scope, dimensions, sql<SqlBool>`(r.overdue or r.alarmed)`);
  const live = (m: Measures): LiveMeasures => ({ overdueNow: m.overdueNow, openAlarms: m.openAlarms });
  const result = emptyBreakdown<LiveMeasures>(live(sums.total));
  for (const dimension of dimensions)
    for (const [key, measures] of sums.by[dimension])
      if (measures.overdueNow || measures.openAlarms) result.by[dimension].set(key, live(measures));
  const rows = await sql<GroupedRow & { overdue: number }>`
    select ${groupingOf(dimensions)}, count(*)::int as overdue
    -- The few ids first, then their rows by key (never a scan of every case for them).
    from (select r.* from case_report r
          where r.case_id = any(array(${DUE_UNMARKED(now)})) and not r.overdue and r.status <> 'merged'
            and ${and(caseConditions(filter))} and ${scope.cases}) s
    group by ${groupingSets(dimensions)}`.execute(db);
  for (const row of rows.rows) {
    const dimension = dimensionOf(row.g, dimensions);
    const target = dimension === null ? result.total : result.by[dimension].get(keyOf(row, dimension));
    if (target) target.overdueNow += row.overdue;
    else if (dimension !== null)
      result.by[dimension].set(keyOf(row, dimension), { overdueNow: row.overdue, openAlarms: 0 });
  }
  return result;
}

/** `percentile_cont(0.5)` over values given with how many cases took each. */
export function medianOf(counts: Map<number, number>): number | null {
  const values = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const position = (total - 1) / 2;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (index < seen) return value;
    }
    return values.at(-1)![0];
  };
  const lower = valueAt(Math.floor(position));
  const upper = valueAt(Math.ceil(position));
  return lower + (upper - lower) * (position - Math.floor(position));
}

/**
 * Medians over the period's cases that got there: minutes to the first
 * contact, and whole hours to closure (given in minutes). Exact: from how
 * many cases took each number of minutes (hours), per scope and month, plus
 * the deltas and the partial months case by case — or from the cases alone.
 */
export async function medians(
  db: Kysely<Database>,
  period: ReportPeriod,
  filter: ResolvedFilter,
  scope: ReportScope,
): Promise<{ firstContact: number | null; closure: number | null }> {
  const { months, marginal: scopeKey, caseDays } = plan(period, filter, scope);
  if (!months || !scopeKey) {
    const row = await sql<{ first_contact: number | string | null; closure: number | string | null }>`
      select percentile_cont(0.5) within group (order by r.first_contact_minutes) as first_contact,
             percentile_cont(0.5) within group (order by r.closure_hours) as closure
      from case_report r
      where ${inPeriod(period)} and r.status <> 'merged' and ${and(caseConditions(filter))} and ${scope.cases}`.execute(
      db,
    );
    const found = row.rows[0];
    const number = (value: number | string | null | undefined) =>
      value === null || value === undefined ? null : Number(value);
    const closure = number(found?.closure);
    return { firstContact: number(found?.first_contact), closure: closure === null ? null : closure * 60 };
  }
  const where = monthsWhere(months, filter, scope);
  const rows = await sql<{ kind: 'first_contact' | 'closure'; value: number; n: number }>`
    select kind, value, sum(n)::int as n from (
      select kind, value, n from report_duration
      where scope = ${scopeKey} and month between ${months.first}::date and ${months.last}::date
      union all
      select k.kind, k.value, d.cases from case_report_delta d
      cross join lateral (values ('first_contact', d.first_contact_minutes), ('closure', d.closure_hours)) k(kind, value)
      where ${where} and d.status <> 'merged' and k.value is not null
      ${
        caseDays.length
          ? sql`union all
      select k.kind, k.value, 1 from case_report r
      cross join lateral (values ('first_contact', r.first_contact_minutes), ('closure', r.closure_hours)) k(kind, value)
      where ${inPeriod(caseDays)} and r.status <> 'merged' and ${and(caseConditions(filter))} and ${scope.cases}
        and k.value is not null`
          : sql``
      }
    ) v group by kind, value`.execute(db);
  const counts = { first_contact: new Map<number, number>(), closure: new Map<number, number>() };
  for (const row of rows.rows) counts[row.kind].set(row.value, row.n);
  const closure = medianOf(counts.closure);
  return { firstContact: medianOf(counts.first_contact), closure: closure === null ? null : closure * 60 };
}

/**
 * Contacts of the period on every channel, by channel and outcome. A
 * contact that became no case has no place or problem: it counts by its
 * channel and the unit that took it (for the viewer's scope) only. From the
 * sums per scope for the whole months (plus deltas, plus the partial months
 * one by one), or from the contacts alone.
 */
export async function contactFigures(
  db: Kysely<Database>,
  period: ReportPeriod,
  filter: Pick<ResolvedFilter, 'channel'>,
  scope: ReportScope,
): Promise<{ channel: string; outcome: string; contacts: number }[]> {
  const split = splitPeriod(period);
  const joins = scope.contacts
    ? sql`left join unit u on u.id = c.receiving_unit_id left join agency a on a.id = u.agency_id`
    : sql``;
  const raw = (periods: ReportPeriod[]) => sql`
    select c.channel, c.outcome, 1 as n from intake_contact c ${joins}
    where (${sql.join(
      periods.map(
        (p) =>
          sql`c.received_at >= ${bangkokDayStart(p.from)} and c.received_at < ${bangkokDayStart(addDays(p.to, 1))}`,
      ),
      sql` or `,
    )})
      ${filter.channel ? sql`and c.channel = ${filter.channel}` : sql``}
      ${scope.contacts ? sql`and ${scope.contacts}` : sql``}`;
  const parts: RawBuilder<unknown>[] = [];
  if (split.months && scope.key && scope.contactsDelta) {
    const months = sql<SqlBool>`month between ${split.months.first}::date and ${split.months.last}::date`;
    const channel = filter.channel ? sql<SqlBool>`channel = ${filter.channel}` : TRUE;
    parts.push(
      sql`select channel, outcome, n from contact_report where scope = ${scope.key} and ${months} and ${channel}`,
      sql`select channel, outcome, n from contact_report_delta where ${months} and ${channel} and ${scope.contactsDelta}`,
    );
    if (split.edges.length) parts.push(raw(split.edges));
  } else parts.push(raw([period]));
  const rows = await sql<{ channel: string; outcome: string; contacts: number }>`
    select channel, outcome, sum(n)::int as contacts from (${sql.join(parts, sql` union all `)}) s
    group by channel, outcome having sum(n) <> 0`.execute(db);
  return rows.rows;
}

/** What a drill measure selects among the per-case rows (and the clocks, for a unit's or a step's). */
function measureCondition(
  measure: DrillMeasure,
  filter: ResolvedFilter,
  now: Date,
): { condition: Expression<SqlBool>; usesPeriod: boolean; deadlineMode: boolean } {
  const deadlineMode =
    (filter.unitId !== undefined || filter.stepCode !== undefined) &&
    (measure === 'steps_met' || measure === 'steps_breached' || measure === 'overdue_now');
  if (deadlineMode) {
    const parts: Expression<SqlBool>[] = [sql<SqlBool>`d.case_id = r.case_id`];
    if (filter.unitId) parts.push(sql<SqlBool>`d.unit_id = ${filter.unitId}`);
    if (filter.stepCode) parts.push(deadlineStep(filter.stepCode));
    if (measure === 'steps_met') parts.push(sql<SqlBool>`d.result = 'met'`);
    if (measure === 'steps_breached') parts.push(sql<SqlBool>`d.result = 'breached'`);
    if (measure === 'overdue_now') parts.push(sql<SqlBool>`d.status = 'open' and d.due_at < ${now}`);
    return {
      condition: sql<SqlBool>`exists (select 1 from deadline d where ${and(parts)})`,
      usesPeriod: measure !== 'overdue_now',
      deadlineMode,
    };
  }
  const cohort = (condition: Expression<SqlBool>) => ({ condition, usesPeriod: true, deadlineMode });
  switch (measure) {
    case 'cases':
      return cohort(TRUE);
    case 'crisis':
      return cohort(sql<SqlBool>`r.crisis`);
    case 'reached_met':
      return cohort(sql<SqlBool>`r.first_contact = 'met'`);
    case 'reached_breached':
      return cohort(sql<SqlBool>`r.first_contact = 'breached'`);
    case 'reached_pending':
      return cohort(sql<SqlBool>`r.first_contact = 'pending'`);
    case 'steps_met':
      return cohort(sql<SqlBool>`r.steps_met > 0`);
    case 'steps_breached':
      return cohort(sql<SqlBool>`r.steps_breached > 0`);
    case 'closed':
      return cohort(sql<SqlBool>`r.status = 'closed'`);
    case 'overdue_now':
      return {
        condition: sql<SqlBool>`(r.overdue or r.case_id = any(array(${DUE_UNMARKED(now)})))`,
        usesPeriod: false,
        deadlineMode,
      };
    case 'open_alarms':
      return { condition: sql<SqlBool>`r.alarmed`, usesPeriod: false, deadlineMode };
  }
}

/** The predicate over `case_report r` for the cases behind one figure. */
export function drillPredicate(
  period: ReportPeriod,
  filter: ResolvedFilter,
  measure: DrillMeasure,
  scope: ReportScope,
  now: Date,
): Expression<SqlBool> {
  const { condition, usesPeriod, deadlineMode } = measureCondition(measure, filter, now);
  return and([
    ...(usesPeriod ? [inPeriod(period)] : []),
    sql<SqlBool>`r.status <> 'merged'`,
    ...caseConditions(filter, deadlineMode),
    condition,
    scope.cases,
  ]);
}

/** A clock's step for compliance: `first_contact`, the step's code, or the kind when a referral has no step. */
const STEP = sql.raw("case when d.kind = 'first_contact' then 'first_contact' else coalesce(d.step_code, d.kind) end");

/** Time-frame compliance: the clocks of the period's cases, per unit that had to act and per step. */
export async function complianceFigures(
  db: Kysely<Database>,
  period: ReportPeriod,
  filter: ResolvedFilter,
  scope: ReportScope,
  now: Date,
): Promise<
  {
    by: 'total' | 'unit' | 'step';
    unit_id: string | null;
    step: string | null;
    met: number;
    breached: number;
    overdue: number;
    running: number;
    median_late_minutes: number | null;
  }[]
> {
  const rows = await sql<{
    g: number;
    unit_id: string | null;
    step: string | null;
    met: number;
    breached: number;
    overdue: number;
    running: number;
    median_late_minutes: number | string | null;
  }>`
    select grouping(d.unit_id, ${STEP})::int as g, d.unit_id::text as unit_id, ${STEP} as step,
      count(*) filter (where d.result = 'met')::int as met,
      count(*) filter (where d.result = 'breached')::int as breached,
      count(*) filter (where d.status = 'open' and d.due_at < ${now})::int as overdue,
      count(*) filter (where d.status = 'open' and d.due_at >= ${now})::int as running,
      percentile_cont(0.5) within group (order by extract(epoch from d.closed_at - d.due_at) / 60)
        filter (where d.result = 'breached' and d.status = 'met') as median_late_minutes
    from deadline d join case_report r on r.case_id = d.case_id
    where (d.status <> 'cancelled' or d.result is not null)
      and ${inPeriod(period)} and r.status <> 'merged' and ${and(caseConditions(filter))} and ${scope.cases}
    group by grouping sets ((), (d.unit_id), (${STEP}))`.execute(db);
  return rows.rows.map((row) => ({
    by: row.g === 3 ? 'total' : row.g === 1 ? 'unit' : 'step',
    unit_id: row.unit_id,
    step: row.step,
    met: row.met,
    breached: row.breached,
    overdue: row.overdue,
    running: row.running,
    median_late_minutes: row.median_late_minutes === null ? null : Math.round(Number(row.median_late_minutes)),
  }));
}
