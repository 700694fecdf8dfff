import { BANGKOK_TIME_ZONE, OfficeHours, type RoutingDecision } from '@oscc/contract';
import { sql, type ExpressionBuilder, type InferResult, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../database-schema.ts';

const LEVEL_RANK = { subdistrict: 3, district: 2, province: 1 } as const;

const weekdayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: BANGKOK_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const ISO_DAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * Whether a unit is open at this moment by its weekly calendar, in Bangkok
 * time. (Public holidays join when the holiday calendar of the alarm work
 * arrives; until then a business-hours unit counts as open on a holiday.)
 */
export function isOpenAt(stored: unknown, open24Hours: boolean, at: Date): boolean {
  const parsed = OfficeHours.safeParse(stored);
  const hours = parsed.success ? parsed.data : null;
  if (open24Hours || hours?.kind === '24h') return true;
  if (!hours) return false;
  const parts = Object.fromEntries(weekdayFormat.formatToParts(at).map((part) => [part.type, part.value]));
  const day = ISO_DAY[parts.weekday ?? ''] ?? 0;
  const time = `${parts.hour}:${parts.minute}`;
  return hours.periods.some((period) => period.day === day && period.opens <= time && time < period.closes);
}

/**
 * Finds the unit for a case from the units' own data — their areas of
 * responsibility and the problem types they take, edited in the admin UI:
 * the most specific area wins (subdistrict over district over province), a
 * unit of the problem's lead agency over others, and for a crisis a unit that
 * is open now over one that is closed. Nothing matches → the central triage
 * queue. The decision, with its reason, is stored on the case.
 */
export async function routeCase(db: Kysely<Database>, input: RoutingInput): Promise<RoutingDecision> {
  return decisionFrom(await rankUnitsForCase(db, input), input);
}

/** The decision from the ranked candidates: the first, or the central triage queue when there is none. */
export function decisionFrom(ranked: RankedUnit[], input: RoutingInput): RoutingDecision {
  const best = ranked[0];
  if (!best)
    return {
      unitId: null,
      unitNameTh: null,
      kind: 'triage',
      areaLevel: null,
      areaCode: null,
      leadAgency: false,
      open24Hours: false,
      reason: `no unit takes ${input.problemType} in ${input.areaCode}: central triage queue`,
    };
  const why = [
    `${best.level} ${best.area_code} area`,
    best.lead ? 'lead agency' : null,
    input.crisis ? (best.open ? 'open now (crisis)' : 'closed now — no open unit found (crisis)') : null,
  ].filter(Boolean);
  return {
    unitId: best.id,
    unitNameTh: best.name_th,
    kind: 'area',
    areaLevel: best.level,
    areaCode: best.area_code,
    leadAgency: best.lead,
    open24Hours: best.open_24_hours,
    reason: why.join(', '),
  };
}

export interface RoutingInput {
  problemType: string;
  areaCode: string;
  crisis: boolean;
  at: Date;
}

export type RankedUnit = ReturnType<typeof rankCandidates>[number];

/** Every active unit that takes the problem in an area covering the place, unordered (`rankCandidates` orders them). */
export function unitCandidates(
  eb: ExpressionBuilder<Database, never>,
  input: Pick<RoutingInput, 'problemType' | 'areaCode'>,
) {
  const code = input.areaCode;
  const covering = [code.slice(0, 2), code.slice(0, 4), code].filter((c, i, all) => all.indexOf(c) === i);
  return eb
    .selectFrom('unit')
    .innerJoin('unit_area', 'unit_area.unit_id', 'unit.id')
    .innerJoin('unit_problem_type', 'unit_problem_type.unit_id', 'unit.id')
    .innerJoin('agency', 'agency.id', 'unit.agency_id')
    .innerJoin('agency as ministry', 'ministry.id', 'agency.root_id')
    .innerJoin('problem_type', 'problem_type.code', 'unit_problem_type.problem_type_code')
    .select([
      'unit.id',
      'unit.name_th',
      'unit.office_hours',
      'unit.open_24_hours',
      'unit_area.level',
      'unit_area.code as area_code',
      sql<boolean>`problem_type.lead_agency_code is not null and problem_type.lead_agency_code = ministry.code`.as(
        'lead',
      ),
    ])
    .where('unit.active', '=', true)
    .where('unit_area.code', 'in', covering)
    .where('unit_problem_type.problem_type_code', '=', input.problemType);
}

export type UnitCandidate = InferResult<ReturnType<typeof unitCandidates>>[number];

/** The candidates in the order routing prefers them, each with whether it is open at the moment of the case. */
export function rankCandidates(candidates: readonly UnitCandidate[], input: RoutingInput) {
  return candidates
    .map((c) => ({ ...c, open: isOpenAt(c.office_hours, c.open_24_hours, input.at) }))
    .sort(
      (a, b) =>
        (input.crisis ? Number(b.open) - Number(a.open) : 0) ||
        LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
        Number(b.lead) - Number(a.lead) ||
        a.name_th.localeCompare(b.name_th, 'th') ||
        a.id.localeCompare(b.id),
    );
}

/** Every active unit that takes the problem in an area covering the place, in the order routing prefers them. */
export async function rankUnitsForCase(db: Kysely<Database>, input: RoutingInput): Promise<RankedUnit[]> {
  const candidates = await db
    .selectNoFrom((eb) => jsonArrayFrom(unitCandidates(eb, input)).as('units'))
    .executeTakeFirstOrThrow();
  return rankCandidates(candidates.units, input);
}
