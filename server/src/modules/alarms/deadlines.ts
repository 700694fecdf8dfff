import { NO_SERVICE_MINUTES, type AlarmType, type DeadlineKind } from '@oscc/contract';
import { sql, type InsertObject, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { parseSteps } from '../../platform/db/stored-steps.ts';
import { addWorkingMinutes, workingMinutesBetween } from '../../platform/calendar/business-time.ts';
import { holidaysFor } from '../../platform/calendar/holidays.ts';
import { loadOfficeHours } from '../../platform/calendar/office-hours.ts';

/** The case states in which no clock runs any more — but the follow-up's, which runs after closure. */
const STOPPED_STATES = new Set(['closed', 'merged']);

interface WantedDeadline {
  subject: string;
  alarm: AlarmType;
  kind: DeadlineKind;
  stepPosition: number | null;
  stepCode: string | null;
  referralId: string | null;
  unitId: string | null;
  clock: '24x7' | 'business';
  startedAt: Date;
  dueAt: Date;
}

/** The share of a time frame after which its warning is due, when `alarm_setting` has no row. */
const DEFAULT_WARNING_SHARE = 0.75;

/** The warning share of every time frame (alarm_setting, one row). */
export async function warningShare(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('alarm_setting').select('warning_share').executeTakeFirst();
  return row ? Number(row.warning_share) : DEFAULT_WARNING_SHARE;
}

/**
 * When the warning is due: at `share` of the time frame, counted on the
 * deadline's own clock — on the business clock, `share` of the working
 * minutes between start and due, so a week-long frame warns on a working
 * day, not on the Sunday in between.
 */
export async function warnAtFor(
  db: Kysely<Database>,
  wanted: Pick<WantedDeadline, 'clock' | 'unitId' | 'startedAt' | 'dueAt'>,
  share: number,
): Promise<Date> {
  const { startedAt, dueAt } = wanted;
  if (dueAt <= startedAt) return dueAt;
  const hours = wanted.clock === 'business' ? await loadOfficeHours(db, wanted.unitId) : { kind: '24h' as const };
  if (hours.kind === '24h')
    return new Date(startedAt.getTime() + Math.floor((dueAt.getTime() - startedAt.getTime()) * share));
  const holidays = await holidaysFor(db, startedAt, 'business', hours);
  const working = workingMinutesBetween(startedAt, dueAt, hours, holidays);
  const warn = addWorkingMinutes(startedAt, Math.floor(working * share), hours, holidays);
  return warn < dueAt ? warn : dueAt;
}

/** The first-contact clock: 24 hours round the clock from intake, on the responsible unit. */
function firstContactDeadline(createdAt: Date, unitId: string | null): WantedDeadline {
  return {
    subject: 'first_contact',
    alarm: 'no_service',
    kind: 'first_contact',
    stepPosition: null,
    stepCode: null,
    referralId: null,
    unitId,
    clock: '24x7',
    startedAt: createdAt,
    dueAt: new Date(createdAt.getTime() + NO_SERVICE_MINUTES * 60_000),
  };
}

/**
 * The clocks a case should have running now, read from what the case is:
 *  - first contact: 24 hours round the clock from intake, until the
 *    responsible unit records its first contact with the person (the
 *    procedure's first-contact step is done);
 *  - each running step with a deadline — except the acceptance step, which
 *    runs on its lead referral's clock;
 *  - each referral still waiting for the unit's answer.
 */
async function wantedDeadlines(
  trx: Kysely<Database>,
  caseId: string,
): Promise<{ wanted: WantedDeadline[]; procedureVersionId: string | null }> {
  const kase = await trx
    .selectFrom('case_file')
    .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
    .select([
      'case_file.status',
      'case_file.created_at',
      'case_file.responsible_unit_id',
      'case_file.procedure_version_id',
      'procedure_version.steps',
    ])
    .where('case_file.id', '=', caseId)
    .executeTakeFirst();
  if (!kase || kase.status === 'merged') return { wanted: [], procedureVersionId: null };
  const closed = kase.status === 'closed';
  const steps = parseSteps(kase.steps);
  const acceptance = steps.find((step) => step.completion === 'referral_accepted');
  const running = await trx
    .selectFrom('case_step')
    .select(['position', 'code', 'status', 'opened_at', 'due_at'])
    .where('case_id', '=', caseId)
    .execute();
  const wanted: WantedDeadline[] = [];

  const contactPosition = steps.findIndex((step) => step.completion === 'first_contact');
  const contacted =
    contactPosition >= 0
      ? running.some((step) => step.position === contactPosition && step.status === 'done')
      : Boolean(
          await trx
            .selectFrom('case_note')
            .select('id')
            .where('case_id', '=', caseId)
            .where('kind', '=', 'contact')
            .executeTakeFirst(),
        );
  if (!contacted && !closed) wanted.push(firstContactDeadline(new Date(kase.created_at), kase.responsible_unit_id));

  for (const step of running) {
    if (step.status !== 'open' || !step.due_at || !step.opened_at) continue;
    const definition = steps[step.position];
    if (definition?.completion === 'referral_accepted') continue;
    if (closed && definition?.completion !== 'follow_up_recorded') continue;
    wanted.push({
      subject: `step:${step.position}`,
      alarm: 'overdue',
      kind: 'step',
      stepPosition: step.position,
      stepCode: step.code,
      referralId: null,
      unitId: kase.responsible_unit_id,
      clock: definition?.clock ?? '24x7',
      startedAt: new Date(step.opened_at),
      dueAt: new Date(step.due_at),
    });
  }

  const referrals = await trx
    .selectFrom('referral')
    .select(['id', 'unit_id', 'sent_at', 'due_at'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'sent')
    .execute();
  for (const referral of closed ? [] : referrals)
    wanted.push({
      subject: `referral:${referral.id}`,
      alarm: 'overdue',
      kind: 'referral',
      stepPosition: null,
      stepCode: acceptance?.code ?? null,
      referralId: referral.id,
      unitId: referral.unit_id,
      clock: acceptance?.clock ?? '24x7',
      startedAt: new Date(referral.sent_at),
      dueAt: new Date(referral.due_at),
    });
  return { wanted, procedureVersionId: kase.procedure_version_id };
}

/** Whether what a deadline watched was done (met), or the clock just stopped (the case closed, a referral revoked). */
async function endedBy(
  trx: Kysely<Database>,
  caseId: string,
  deadline: { kind: DeadlineKind; step_position: number | null; referral_id: string | null },
): Promise<'met' | 'cancelled'> {
  if (deadline.kind === 'referral' && deadline.referral_id) {
    const referral = await trx
      .selectFrom('referral')
      .select('status')
      .where('id', '=', deadline.referral_id)
      .executeTakeFirst();
    // Accepted, declined or passed on: the unit answered. Revoked: the sender took it back.
    return referral && referral.status !== 'revoked' ? 'met' : 'cancelled';
  }
  if (deadline.kind === 'step' && deadline.step_position !== null) {
    const step = await trx
      .selectFrom('case_step')
      .select('status')
      .where('case_id', '=', caseId)
      .where('position', '=', deadline.step_position)
      .executeTakeFirst();
    return step?.status === 'done' ? 'met' : 'cancelled';
  }
  // First contact: met when the contact was recorded; a case closed or merged without one stops the clock.
  const kase = await trx.selectFrom('case_file').select('status').where('id', '=', caseId).executeTakeFirst();
  return kase && STOPPED_STATES.has(kase.status) ? 'cancelled' : 'met';
}

/**
 * Brings a case's deadlines in line with the case, in the caller's
 * transaction: a clock that should run and has no deadline gets one; a
 * deadline whose inputs changed (a transfer to another unit, a due time
 * moved) is recomputed and checked again at once; a deadline whose clock
 * stopped is closed — met or cancelled — and its alarms stop repeating.
 * Called at the end of every change to a case's state, steps or referrals;
 * nothing is recomputed when nothing changed.
 */
export async function syncCaseDeadlines(trx: Kysely<Database>, caseId: string, now: Date): Promise<void> {
  const { wanted, procedureVersionId } = await wantedDeadlines(trx, caseId);
  const open = await trx
    .selectFrom('deadline')
    .select(['id', 'subject', 'kind', 'step_position', 'referral_id', 'unit_id', 'due_at', 'started_at', 'level'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
  const bySubject = new Map(open.map((row) => [row.subject, row]));
  const wantedSubjects = new Set(wanted.map((row) => row.subject));

  for (const row of open) {
    if (wantedSubjects.has(row.subject)) continue;
    const status = await endedBy(trx, caseId, row);
    await trx
      .updateTable('deadline')
      .set({
        status,
        closed_at: now,
        // Recorded once: a deadline already breached stays breached.
        result: status === 'met' ? sql<'met' | 'breached'>`coalesce(result, 'met')` : sql`result`,
        next_check_at: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await trx
      .updateTable('alarm')
      .set({ resolved_at: now, next_repeat_at: null })
      .where('deadline_id', '=', row.id)
      .where('resolved_at', 'is', null)
      .execute();
  }

  let share: number | null = null;
  for (const want of wanted) {
    const existing = bySubject.get(want.subject);
    if (
      existing &&
      new Date(existing.due_at).getTime() === want.dueAt.getTime() &&
      new Date(existing.started_at).getTime() === want.startedAt.getTime() &&
      existing.unit_id === want.unitId
    )
      continue;
    share ??= await warningShare(trx);
    const warnAt = await warnAtFor(trx, want, share);
    if (existing) {
      // Its inputs changed: the new times stand, and the checker looks at it again now.
      await trx
        .updateTable('deadline')
        .set({
          unit_id: want.unitId,
          started_at: want.startedAt,
          due_at: want.dueAt,
          warn_at: warnAt,
          next_check_at: now,
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .execute();
      continue;
    }
    await insertDeadline(trx, caseId, want, procedureVersionId, warnAt, now);
  }
}

async function insertDeadline(
  trx: Kysely<Database>,
  caseId: string,
  want: WantedDeadline,
  procedureVersionId: string | null,
  warnAt: Date,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('deadline')
    .values(deadlineRow(caseId, want, procedureVersionId, warnAt, now))
    .execute();
}

function deadlineRow(
  caseId: string,
  want: WantedDeadline,
  procedureVersionId: string | null,
  warnAt: Date | RawBuilder<Date>,
  now: Date,
): InsertObject<Database, 'deadline'> {
  return {
    case_id: caseId,
    alarm: want.alarm,
    kind: want.kind,
    subject: want.subject,
    step_position: want.stepPosition,
    step_code: want.stepCode,
    referral_id: want.referralId,
    unit_id: want.unitId,
    procedure_version_id: procedureVersionId,
    clock: want.clock,
    started_at: want.startedAt,
    due_at: want.dueAt,
    warn_at: warnAt,
    // A clock that starts already late (a case recorded after the fact) is checked at once.
    next_check_at: warnAt instanceof Date ? (warnAt < now ? now : warnAt) : sql<Date>`greatest(${warnAt}, ${now})`,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The clock of a case being created, as a row to insert with it (in the same statement): nothing of the case exists
 * yet but the case (no steps, no referrals, no contact recorded), so only its first-contact clock runs — what
 * `syncCaseDeadlines` would decide, without reading back the case, its steps, referrals and deadlines. That clock
 * runs round the clock, so its warning time is `warnAtFor`'s 24-hour case, reckoned in the insert with the warning
 * share where it is kept (`alarm_setting`).
 */
export function newCaseDeadlineRow(
  created: { caseId: string; createdAt: Date; unitId: string | null; procedureVersionId: string | null },
  now: Date,
): InsertObject<Database, 'deadline'> {
  const want = firstContactDeadline(created.createdAt, created.unitId);
  const frameMs = want.dueAt.getTime() - want.startedAt.getTime();
  const warnAt = sql<Date>`${want.startedAt}::timestamptz + make_interval(secs => floor(${frameMs}::float8 *
    coalesce((select warning_share from alarm_setting limit 1), ${DEFAULT_WARNING_SHARE})::float8) / 1000)`;
  return deadlineRow(created.caseId, want, created.procedureVersionId, warnAt, now);
}

/**
 * Once, at the first start after the alarm system came: every case that was
 * already there gets its deadlines, in batches (a clock long past is
 * checked at once and raises its alarms — those cases are late). Later
 * starts find it done.
 */
export async function backfillDeadlines(db: Kysely<Database>, now: Date): Promise<number> {
  const setting = await db.selectFrom('alarm_setting').select('deadlines_backfilled_at').executeTakeFirst();
  if (!setting || setting.deadlines_backfilled_at) return 0;
  let done = 0;
  let after: string | null = null;
  for (;;) {
    let query = db.selectFrom('case_file').select('id').where('status', '<>', 'merged');
    if (after) query = query.where('id', '>', after);
    const batch = await query.orderBy('id').limit(200).execute();
    if (batch.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const { id } of batch) await syncCaseDeadlines(trx, id, now);
    });
    done += batch.length;
    after = batch[batch.length - 1]!.id;
  }
  await db.updateTable('alarm_setting').set({ deadlines_backfilled_at: now }).execute();
  return done;
}
