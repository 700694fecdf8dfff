import type { AlarmChannel, AlarmLadderLevel, AlarmType, DeadlineKind, ProcedureStep } from '@oscc/contract';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { parseSteps } from '../../platform/db/stored-steps.ts';
import type { AlarmDeliveryTable, DeadlineTable } from './alarms.table.ts';
import { composeAlarm } from './messages.ts';
import { recipientsFor } from './recipients.ts';

/** The Postgres notification channel a new alarm is announced on (after its transaction commits). */
export const ALARM_NOTIFY_CHANNEL = 'oscc_alarm';

export type Ladders = Record<AlarmType, AlarmLadderLevel[]>;

export async function loadLadders(db: Kysely<Database>): Promise<Ladders> {
  const rows = await db.selectFrom('alarm_ladder_level').selectAll().orderBy('alarm').orderBy('level').execute();
  const ladders: Ladders = { no_service: [], overdue: [] };
  for (const row of rows)
    ladders[row.alarm].push({
      level: row.level,
      afterMinutes: row.after_minutes,
      audiences: row.audiences,
      channels: row.channels,
      repeatMinutes: row.repeat_minutes,
      digestAudiences: row.digest_audiences,
    });
  return ladders;
}

export interface EngineSettings {
  /** The base of links in messages. */
  appUrl: string;
  /** The outside channels that can carry messages here (e-mail always; SMS and LINE when configured). */
  channels: ReadonlySet<AlarmChannel>;
}

type DeadlineRow = Selectable<DeadlineTable>;

/**
 * One pass of the checker: the settings and what it has read already. Many
 * deadlines due at once share units, cases and audiences; each is read once
 * per pass (people and units do not change under an alarm).
 */
interface Pass extends EngineSettings {
  memo: Map<string, Promise<unknown>>;
}

function remember<T>(pass: Pass, key: string, read: () => Promise<T>): Promise<T> {
  let value = pass.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    pass.memo.set(key, value);
    // A read that failed is not remembered.
    value.catch(() => pass.memo.delete(key));
  }
  return value;
}

/** What a deadline watches, in words: the step's name, the first contact, or the referral to a unit. */
export function subjectNames(
  deadline: { kind: DeadlineKind; step_position: number | null },
  steps: readonly ProcedureStep[],
  unit: { name_th: string; name_en: string | null } | null,
): { th: string; en: string } {
  if (deadline.kind === 'first_contact')
    return { th: 'ติดต่อผู้ประสบปัญหาครั้งแรก (24 ชั่วโมง)', en: 'First contact with the person (24 hours)' };
  if (deadline.kind === 'referral')
    return {
      th: `ตอบรับการส่งต่อ${unit ? ` (${unit.name_th})` : ''}`,
      en: `Answer to the referral${unit ? ` (${unit.name_en ?? unit.name_th})` : ''}`,
    };
  const step = deadline.step_position !== null ? steps[deadline.step_position] : undefined;
  return { th: step?.nameTh ?? 'ขั้นตอน', en: step?.nameEn ?? 'Step' };
}

const MINUTE = 60_000;

/**
 * Raises one level of the ladder (or its next round) for a deadline, in the
 * caller's transaction: the alarm row, one outgoing message per recipient
 * and channel — keyed uniquely by (deadline, level, round, recipient,
 * channel), so doing it twice writes nothing twice — and a notification that
 * the app servers pass on live once the transaction commits.
 */
async function raise(
  trx: Kysely<Database>,
  settings: Pass,
  deadline: DeadlineRow,
  level: AlarmLadderLevel,
  kind: 'warning' | 'breach',
  round: number,
  now: Date,
): Promise<{ alarmId: string; nextRepeatAt: Date | null }> {
  const nextRepeatAt = level.repeatMinutes ? new Date(now.getTime() + level.repeatMinutes * MINUTE) : null;
  const alarm = await trx
    .insertInto('alarm')
    .values({
      deadline_id: deadline.id,
      case_id: deadline.case_id,
      level: level.level,
      kind,
      raised_at: now,
      round,
      last_raised_at: now,
      next_repeat_at: nextRepeatAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['deadline_id', 'level']).doUpdateSet({
        round,
        last_raised_at: now,
        next_repeat_at: nextRepeatAt,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

  const kase = await remember(settings, `case:${deadline.case_id}`, () =>
    trx
      .selectFrom('case_file')
      .leftJoin('procedure_version', 'procedure_version.id', 'case_file.procedure_version_id')
      .select([
        'case_file.case_number',
        'case_file.assigned_user_id',
        'case_file.province_code',
        'procedure_version.steps',
      ])
      .where('case_file.id', '=', deadline.case_id)
      .executeTakeFirstOrThrow(),
  );
  const unitId = deadline.unit_id;
  const unit = unitId
    ? await remember(
        settings,
        `unit:${unitId}`,
        async () =>
          (await trx.selectFrom('unit').select(['name_th', 'name_en']).where('id', '=', unitId).executeTakeFirst()) ??
          null,
      )
    : null;
  const names = subjectNames(deadline, parseSteps(kase.steps), unit);
  const message = composeAlarm({
    alarm: deadline.alarm,
    kind,
    level: level.level,
    round,
    caseNumber: kase.case_number,
    subjectTh: names.th,
    subjectEn: names.en,
    unitTh: unit?.name_th ?? null,
    unitEn: unit?.name_en ?? null,
    dueAt: new Date(deadline.due_at),
    now,
    caseUrl: `${settings.appUrl}/cases/${deadline.case_id}`,
    alarmsUrl: `${settings.appUrl}/alarms`,
  });
  const accepted = unitId
    ? await trx
        .selectFrom('referral')
        .select('responded_by')
        .where('case_id', '=', deadline.case_id)
        .where('unit_id', '=', unitId)
        .where('status', '=', 'accepted')
        .orderBy('seq', 'desc')
        .executeTakeFirst()
    : undefined;
  const audience = {
    unitId,
    assignedUserId: kase.assigned_user_id,
    acceptedBy: accepted?.responded_by ?? null,
    provinceCode: kase.province_code,
  };
  const recipients = await remember(settings, `to:${level.audiences.join(',')}:${JSON.stringify(audience)}`, () =>
    recipientsFor(trx, level.audiences, audience),
  );
  const rows = recipients.flatMap((recipient) =>
    level.channels.flatMap((channel): Insertable<AlarmDeliveryTable>[] => {
      const base = {
        alarm_id: alarm.id,
        deadline_id: deadline.id,
        level: level.level,
        round,
        recipient_user_id: recipient.userId,
        audience: recipient.audience,
        channel,
        created_at: now,
      };
      if (channel === 'in_app')
        // Shown in the app the moment it is written: delivered.
        return [
          {
            ...base,
            address: null,
            subject: message.subject,
            body: message.short,
            status: 'sent' as const,
            sent_at: now,
          },
        ];
      if (!settings.channels.has(channel)) return [];
      if (channel === 'email')
        return [
          {
            ...base,
            address: recipient.email,
            subject: message.subject,
            body: message.body,
            // Executives get one digest, not a message per case.
            ...(level.digestAudiences.includes(recipient.audience)
              ? { status: 'digest' as const }
              : { status: 'pending' as const, next_attempt_at: now }),
          },
        ];
      const address = channel === 'sms' ? recipient.mobile : recipient.lineUserId;
      if (!address) return [];
      return [
        {
          ...base,
          address,
          subject: message.subject,
          body: message.short,
          status: 'pending' as const,
          next_attempt_at: now,
        },
      ];
    }),
  );
  if (rows.length)
    await trx
      .insertInto('alarm_delivery')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['deadline_id', 'level', 'round', 'recipient_user_id', 'channel']).doNothing(),
      )
      .execute();
  await sql`select pg_notify(${ALARM_NOTIFY_CHANNEL}, ${alarm.id})`.execute(trx);
  return { alarmId: alarm.id, nextRepeatAt };
}

/**
 * Looks at one deadline whose check time came: raises the warning once its
 * share of the time frame has passed; at the due time records the breach
 * (once) and raises every ladder level whose delay has passed; repeats each
 * raised level not yet acknowledged at its interval; and sets the next time
 * anything can happen to it — or none, when the ladder is climbed and
 * nothing repeats.
 */
async function evaluate(
  trx: Kysely<Database>,
  settings: Pass,
  deadline: DeadlineRow,
  ladder: readonly AlarmLadderLevel[],
  now: Date,
): Promise<string[]> {
  const raisedIds: string[] = [];
  const alarms = await trx
    .selectFrom('alarm')
    .select(['id', 'level', 'round', 'next_repeat_at', 'acknowledged_at', 'resolved_at'])
    .where('deadline_id', '=', deadline.id)
    .execute();
  const raised = new Map(alarms.map((alarm) => [alarm.level, alarm]));
  const repeats: Date[] = [];
  const due = new Date(deadline.due_at);
  const warning = ladder.find((level) => level.level === 0);
  const breachLevels = ladder.filter((level) => level.level > 0);
  let highest = deadline.level;
  let breachedAt: Date | null = null;

  if (now < due) {
    if (warning && !raised.has(0) && now >= new Date(deadline.warn_at)) {
      const outcome = await raise(trx, settings, deadline, warning, 'warning', 1, now);
      raisedIds.push(outcome.alarmId);
      if (outcome.nextRepeatAt) repeats.push(outcome.nextRepeatAt);
      highest = Math.max(highest, 0);
    }
  } else {
    if (deadline.result === null) breachedAt = due;
    for (const level of breachLevels) {
      if (raised.has(level.level)) continue;
      if (now.getTime() < due.getTime() + level.afterMinutes * MINUTE) continue;
      const outcome = await raise(trx, settings, deadline, level, 'breach', 1, now);
      raisedIds.push(outcome.alarmId);
      if (outcome.nextRepeatAt) repeats.push(outcome.nextRepeatAt);
      highest = Math.max(highest, level.level);
    }
  }

  // Levels raised before: repeat those nobody acknowledged, at their interval.
  for (const alarm of alarms) {
    if (alarm.acknowledged_at || alarm.resolved_at || !alarm.next_repeat_at) continue;
    const definition = ladder.find((level) => level.level === alarm.level);
    if (!definition?.repeatMinutes) continue;
    if (new Date(alarm.next_repeat_at) > now) {
      repeats.push(new Date(alarm.next_repeat_at));
      continue;
    }
    const kind = alarm.level === 0 ? 'warning' : 'breach';
    // A warning stops repeating at the breach: the breach levels take over.
    if (kind === 'warning' && now >= due) continue;
    const outcome = await raise(trx, settings, deadline, definition, kind, alarm.round + 1, now);
    raisedIds.push(outcome.alarmId);
    if (outcome.nextRepeatAt) repeats.push(outcome.nextRepeatAt);
  }

  // The next moment anything can happen.
  const candidates: number[] = repeats.map((at) => at.getTime());
  if (now < due) {
    const warnAt = new Date(deadline.warn_at);
    if (warning && highest < 0 && warnAt > now) candidates.push(warnAt.getTime());
    candidates.push(due.getTime());
  } else {
    const next = breachLevels.find((level) => level.level > highest && !raised.has(level.level));
    if (next) candidates.push(due.getTime() + next.afterMinutes * MINUTE);
  }
  const nextCheck = candidates.length ? new Date(Math.max(now.getTime(), Math.min(...candidates))) : null;
  await trx
    .updateTable('deadline')
    .set({
      level: highest,
      next_check_at: nextCheck,
      updated_at: now,
      ...(breachedAt ? { result: 'breached' as const, breached_at: breachedAt } : {}),
    })
    .where('id', '=', deadline.id)
    .execute();
  return raisedIds;
}

/**
 * Claims up to `limit` deadlines whose check time has come, locked for this transaction; others skip them. Only
 * open deadlines have a check time (closing one clears it), so the index on `next_check_at` alone answers.
 */
async function claimDue(trx: Kysely<Database>, now: Date, limit: number, onlyId?: string): Promise<DeadlineRow[]> {
  const result = await sql<DeadlineRow>`
    select * from deadline
    where id in (
      select id from deadline
      where next_check_at <= ${now} ${onlyId ? sql`and id = ${onlyId}` : sql``}
      order by next_check_at
      limit ${limit}
      for update skip locked
    )`.execute(trx);
  return result.rows;
}

export interface CheckOutcome {
  /** Deadlines looked at. */
  checked: number;
  /** Alarms raised (first rounds and repeats). */
  raised: number;
  /** Deadlines that could not be checked (logged; retried a minute later). */
  failed: number;
}

/**
 * One pass of the alarm checker: every deadline whose check time has come,
 * in batches, each batch in one transaction (locked with SKIP LOCKED, so
 * several workers share the work and never raise the same alarm twice). A
 * batch that fails is done again one deadline at a time, so one bad row
 * cannot hold up the others. The work grows with the deadlines that are
 * due — the index on `next_check_at` — not with all the open ones.
 */
export async function checkDueDeadlines(
  db: Kysely<Database>,
  settings: EngineSettings,
  now: Date,
  options: {
    batchSize?: number;
    maxBatches?: number;
    log?: (error: unknown, deadlineId: string) => void;
    /** Asked before each batch: a process shutting down stops after the batch in hand. */
    shouldStop?: () => boolean;
  } = {},
): Promise<CheckOutcome> {
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 50;
  const ladders = await loadLadders(db);
  const pass: Pass = { ...settings, memo: new Map() };
  const outcome: CheckOutcome = { checked: 0, raised: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches; batch += 1) {
    if (options.shouldStop?.()) break;
    let claimed: DeadlineRow[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        claimed = await claimDue(trx, now, batchSize);
        for (const deadline of claimed)
          outcome.raised += (await evaluate(trx, pass, deadline, ladders[deadline.alarm], now)).length;
      });
      outcome.checked += claimed.length;
    } catch {
      // One at a time: the good ones go through, a bad one is put aside for a minute.
      for (const deadline of claimed) {
        try {
          await db.transaction().execute(async (trx) => {
            for (const row of await claimDue(trx, now, 1, deadline.id))
              outcome.raised += (await evaluate(trx, pass, row, ladders[row.alarm], now)).length;
          });
          outcome.checked += 1;
        } catch (error) {
          outcome.failed += 1;
          options.log?.(error, deadline.id);
          await db
            .updateTable('deadline')
            .set({ next_check_at: new Date(now.getTime() + MINUTE) })
            .where('id', '=', deadline.id)
            .execute();
        }
      }
      if (claimed.length === 0) throw new Error('the alarm checker could not claim due deadlines');
    }
    if (claimed.length < batchSize) break;
  }
  return outcome;
}
