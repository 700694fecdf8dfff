import type { OfficeHours, ProcedureStep } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { parseSteps } from '../../platform/db/stored-steps.ts';
import type { RecordScope } from '../../platform/authorization/scope.ts';
import { addClockMinutes } from '../../platform/calendar/business-time.ts';
import { holidaysFor } from '../../platform/calendar/holidays.ts';
import { officeHoursOf } from '../../platform/calendar/office-hours.ts';
import { syncCaseDeadlines } from '../alarms/index.ts';

export { parseSteps };

/** A unit as far as reach and time frames are concerned: its scope and its opening hours. */
export async function loadUnitScope(db: Kysely<Database>, unitId: string) {
  const unit = await db
    .selectFrom('unit')
    .innerJoin('agency', 'agency.id', 'unit.agency_id')
    .select([
      'unit.id',
      'unit.active',
      'unit.name_th',
      'unit.name_en',
      'unit.province_code',
      'unit.office_hours',
      'unit.open_24_hours',
      'agency.root_id',
    ])
    .where('unit.id', '=', unitId)
    .executeTakeFirst();
  if (!unit) return null;
  const scope: RecordScope = { unitId: unit.id, provinceCode: unit.province_code, ministryId: unit.root_id };
  return { ...unit, scope, hours: officeHoursOf(unit.office_hours, unit.open_24_hours) };
}

/**
 * The end of a step's time frame started at `from`: the crisis frame for a crisis, on the step's clock, the
 * unit's opening hours and — where the unit closes on them — the public holidays.
 */
export async function stepDue(
  db: Kysely<Database>,
  step: Pick<ProcedureStep, 'durationMinutes' | 'crisisDurationMinutes' | 'clock'>,
  crisis: boolean,
  hours: OfficeHours,
  from: Date,
): Promise<Date> {
  const minutes = crisis && step.crisisDurationMinutes ? step.crisisDurationMinutes : step.durationMinutes;
  return addClockMinutes(from, minutes, step.clock, hours, await holidaysFor(db, from, step.clock, hours));
}

type Completion = ProcedureStep['completion'];

async function caseProcedure(trx: Kysely<Database>, caseId: string) {
  return trx
    .selectFrom('case_file')
    .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
    .select(['case_file.crisis', 'case_file.responsible_unit_id', 'procedure_version.steps'])
    .where('case_file.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

/**
 * The steps of a case's procedure, as they run on this case: created once (all
 * pending) from the version the case keeps; then each completes on its event
 * and the first one not done is the one running, with its own deadline from
 * the moment it opened.
 */
export async function ensureSteps(trx: Kysely<Database>, caseId: string): Promise<ProcedureStep[]> {
  const { steps } = await caseProcedure(trx, caseId);
  const parsed = parseSteps(steps);
  if (parsed.length === 0) return parsed;
  await trx
    .insertInto('case_step')
    .values(
      parsed.map((step, position) => ({ case_id: caseId, position, code: step.code, status: 'pending' as const })),
    )
    .onConflict((conflict) => conflict.columns(['case_id', 'position']).doNothing())
    .execute();
  return parsed;
}

/**
 * Opens the first step not done yet, if it is not running already; `due` overrides its computed deadline. The
 * case's deadlines follow either way (the step just done stops its clock).
 */
export async function openNext(trx: Kysely<Database>, caseId: string, now: Date, due?: Date): Promise<void> {
  await openFirstNotDone(trx, caseId, now, due);
  await syncCaseDeadlines(trx, caseId, now);
}

async function openFirstNotDone(trx: Kysely<Database>, caseId: string, now: Date, due?: Date): Promise<void> {
  const next = await trx
    .selectFrom('case_step')
    .select(['position', 'status'])
    .where('case_id', '=', caseId)
    .where('status', '<>', 'done')
    .orderBy('position')
    .executeTakeFirst();
  if (!next || next.status === 'open') return;
  const kase = await caseProcedure(trx, caseId);
  const step = parseSteps(kase.steps)[next.position];
  if (!step) return;
  let dueAt = due ?? null;
  if (!dueAt) {
    const hours = kase.responsible_unit_id ? await unitHours(trx, kase.responsible_unit_id) : null;
    dueAt = await stepDue(trx, step, kase.crisis, hours ?? { kind: '24h' }, now);
  }
  await trx
    .updateTable('case_step')
    .set({ status: 'open', opened_at: now, due_at: dueAt })
    .where('case_id', '=', caseId)
    .where('position', '=', next.position)
    .execute();
}

async function unitHours(trx: Kysely<Database>, unitId: string): Promise<OfficeHours> {
  return (await loadUnitScope(trx, unitId))?.hours ?? { kind: '24h' };
}

/**
 * An event of the case completes the first step not done that waits for it
 * (a step may be done before its turn: a service given before the plan is
 * written), and the next step starts running. Returns the step completed.
 */
export async function completeStep(
  trx: Kysely<Database>,
  change: { caseId: string; event: Completion; actorUserId: string | null; now: Date; nextDue?: Date },
): Promise<{ position: number; code: string } | null> {
  const steps = await ensureSteps(trx, change.caseId);
  const positions = steps.flatMap((step, position) => (step.completion === change.event ? [position] : []));
  if (positions.length === 0) {
    // No step waits for it; a contact still stops the 24-hour clock of a procedure without a contact step.
    await syncCaseDeadlines(trx, change.caseId, change.now);
    return null;
  }
  const waiting = await trx
    .selectFrom('case_step')
    .select(['position', 'code'])
    .where('case_id', '=', change.caseId)
    .where('status', '<>', 'done')
    .where('position', 'in', positions)
    .orderBy('position')
    .executeTakeFirst();
  if (!waiting) return null;
  await trx
    .updateTable('case_step')
    .set({ status: 'done', done_at: change.now, done_by: change.actorUserId, done_event: change.event })
    .where('case_id', '=', change.caseId)
    .where('position', '=', waiting.position)
    .execute();
  await openNext(trx, change.caseId, change.now, change.nextDue);
  return waiting;
}

/**
 * The lead referral was sent (or passed on): the acceptance step runs with the
 * referral's own deadline. Nothing changes once it is done.
 */
export async function startAcceptance(trx: Kysely<Database>, caseId: string, due: Date, now: Date): Promise<void> {
  const steps = await ensureSteps(trx, caseId);
  const position = steps.findIndex((step) => step.completion === 'referral_accepted');
  if (position === -1) return;
  await trx
    .updateTable('case_step')
    .set({ status: 'open', opened_at: now, due_at: due })
    .where('case_id', '=', caseId)
    .where('position', '=', position)
    .where('status', '<>', 'done')
    .execute();
  await syncCaseDeadlines(trx, caseId, now);
}

/** A reopened case runs again from its closure step: closure and follow-up are to be done again. */
export async function rewindToClosure(trx: Kysely<Database>, caseId: string, now: Date): Promise<void> {
  const steps = await ensureSteps(trx, caseId);
  const closure = steps.findIndex((step) => step.completion === 'closure_approved');
  if (closure === -1) return;
  await trx
    .updateTable('case_step')
    .set({ status: 'pending', opened_at: null, due_at: null, done_at: null, done_by: null, done_event: null })
    .where('case_id', '=', caseId)
    .where('position', '>=', closure)
    .execute();
  // A step before closure left running stays as it is; otherwise closure runs now.
  await openNext(trx, caseId, now);
}
