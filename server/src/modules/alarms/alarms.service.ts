import { createHash, randomInt } from 'node:crypto';
import {
  ALARM_TYPES,
  ladderProblems,
  type AlarmDeliveryList,
  type AlarmItem,
  type AlarmLadder,
  type CaseAlarmHistory,
  type LineLinkCode,
  type MyAlarms,
  type SaveAlarmLadderRequest,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { parseSteps } from '../../platform/db/stored-steps.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadLadders, subjectNames } from './engine.ts';
import { warningShare } from './deadlines.ts';

export interface AlarmActor {
  principal: Principal;
  requestId: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** "0812345678" → "081•••5678"; e-mail "somchai@x.go.th" → "so•••@x.go.th": enough for an administrator to tell. */
function maskAddress(channel: string, address: string | null): string | null {
  if (!address) return null;
  if (channel === 'email') {
    const [local = '', domain = ''] = address.split('@');
    return `${local.slice(0, 2)}•••@${domain}`;
  }
  return address.length > 7 ? `${address.slice(0, 3)}•••${address.slice(-4)}` : '•••';
}

const LINE_CODE_MINUTES = 15;
export const hashLineCode = (code: string) => createHash('sha256').update(`line-link:${code}`).digest('hex');

export function createAlarmsService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function acknowledgementsOf(alarmIds: string[]) {
    if (alarmIds.length === 0) return new Map<string, AlarmItem['acknowledgements']>();
    const rows = await db
      .selectFrom('alarm_acknowledgement')
      .innerJoin('app_user', 'app_user.id', 'alarm_acknowledgement.user_id')
      .select([
        'alarm_acknowledgement.alarm_id',
        'alarm_acknowledgement.at',
        'alarm_acknowledgement.note',
        'app_user.id',
        'app_user.first_name_th',
        'app_user.last_name_th',
      ])
      .where('alarm_acknowledgement.alarm_id', 'in', alarmIds)
      .orderBy('alarm_acknowledgement.at')
      .execute();
    const map = new Map<string, AlarmItem['acknowledgements']>();
    for (const row of rows) {
      const list = map.get(row.alarm_id) ?? [];
      list.push({
        user: { id: row.id, displayName: `${row.first_name_th} ${row.last_name_th}` },
        at: new Date(row.at).toISOString(),
        note: row.note,
      });
      map.set(row.alarm_id, list);
    }
    return map;
  }

  /** My alarms as the app shows them: the newest first; open = not resolved and not acknowledged by me. */
  async function mine(principal: Principal, query: { status: 'open' | 'all'; limit: number }): Promise<MyAlarms> {
    const me = principal.userId;
    const mineFilter = sql<boolean>`exists (select 1 from alarm_delivery d
      where d.alarm_id = alarm.id and d.recipient_user_id = ${me} and d.channel = 'in_app')`;
    const notAcknowledgedByMe = sql<boolean>`not exists (select 1 from alarm_acknowledgement a
      where a.alarm_id = alarm.id and a.user_id = ${me})`;
    let list = db
      .selectFrom('alarm')
      .innerJoin('deadline', 'deadline.id', 'alarm.deadline_id')
      .innerJoin('case_file', 'case_file.id', 'alarm.case_id')
      .leftJoin('procedure_version', 'procedure_version.id', 'deadline.procedure_version_id')
      .leftJoin('unit', 'unit.id', 'deadline.unit_id')
      .select([
        'alarm.id',
        'alarm.case_id',
        'alarm.kind',
        'alarm.level',
        'alarm.round',
        'alarm.raised_at',
        'alarm.last_raised_at',
        'alarm.resolved_at',
        'deadline.alarm as alarm_type',
        'deadline.kind as deadline_kind',
        'deadline.step_position',
        'deadline.due_at',
        'case_file.case_number',
        'procedure_version.steps',
        'unit.id as unit_id',
        'unit.name_th as unit_name_th',
        'unit.name_en as unit_name_en',
        sql<Date | null>`(select case when bool_or(d.read_at is null) then null else max(d.read_at) end
          from alarm_delivery d where d.alarm_id = alarm.id and d.recipient_user_id = ${me} and d.channel = 'in_app')`.as(
          'read_at',
        ),
        sql<boolean>`not ${notAcknowledgedByMe}`.as('acknowledged_by_me'),
      ])
      .where(mineFilter);
    if (query.status === 'open') list = list.where('alarm.resolved_at', 'is', null).where(notAcknowledgedByMe);
    const rows = await list
      .orderBy('alarm.last_raised_at', 'desc')
      .orderBy('alarm.seq', 'desc')
      .limit(query.limit)
      .execute();
    const acknowledgements = await acknowledgementsOf(rows.map((row) => row.id));
    const [unread, open] = await Promise.all([
      db
        .selectFrom('alarm_delivery')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('recipient_user_id', '=', me)
        .where('channel', '=', 'in_app')
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('alarm')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where(mineFilter)
        .where('alarm.resolved_at', 'is', null)
        .where(notAcknowledgedByMe)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((row) => {
        const names = subjectNames(
          { kind: row.deadline_kind, step_position: row.step_position },
          parseSteps(row.steps),
          row.unit_name_th ? { name_th: row.unit_name_th, name_en: row.unit_name_en } : null,
        );
        return {
          id: row.id,
          caseId: row.case_id,
          caseNumber: row.case_number,
          alarm: row.alarm_type,
          kind: row.kind,
          level: row.level,
          round: row.round,
          deadlineKind: row.deadline_kind,
          subjectTh: names.th,
          subjectEn: names.en,
          unit: row.unit_id ? { id: row.unit_id, nameTh: row.unit_name_th!, nameEn: row.unit_name_en } : null,
          dueAt: new Date(row.due_at).toISOString(),
          raisedAt: new Date(row.raised_at).toISOString(),
          lastRaisedAt: new Date(row.last_raised_at).toISOString(),
          resolvedAt: iso(row.resolved_at),
          acknowledgements: acknowledgements.get(row.id) ?? [],
          readAt: iso(row.read_at),
          acknowledgedByMe: Boolean(row.acknowledged_by_me),
        };
      }),
      unread: Number(unread.count),
      open: Number(open.count),
    };
  }

  return {
    mine,

    /** Everything in my alarm list has been seen (opening the list). */
    async markRead(principal: Principal): Promise<void> {
      await db
        .updateTable('alarm_delivery')
        .set({ read_at: clock.now() })
        .where('recipient_user_id', '=', principal.userId)
        .where('channel', '=', 'in_app')
        .where('read_at', 'is', null)
        .execute();
    },

    /**
     * A recipient acknowledges an alarm: who, when and a note. The first
     * acknowledgement stops its repeats (the ladder still climbs while the
     * deadline is not met: someone has seen it, but the help is still late).
     * Only people the alarm was sent to may acknowledge it; again is a no-op.
     */
    async acknowledge(actor: AlarmActor, alarmId: string, note: string | null): Promise<AlarmItem> {
      const me = actor.principal.userId;
      const now = clock.now();
      const target = await db
        .selectFrom('alarm')
        .innerJoin('case_file', 'case_file.id', 'alarm.case_id')
        .select([
          'alarm.id',
          'alarm.case_id',
          'alarm.level',
          'case_file.responsible_unit_id',
          'case_file.province_code',
        ])
        .where('alarm.id', '=', alarmId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('alarm_delivery')
              .select('alarm_delivery.id')
              .whereRef('alarm_delivery.alarm_id', '=', 'alarm.id')
              .where('alarm_delivery.recipient_user_id', '=', me),
          ),
        )
        .executeTakeFirst();
      if (!target) throw new AppError('NOT_FOUND');
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('alarm_acknowledgement')
          .values({ alarm_id: alarmId, user_id: me, at: now, note })
          .onConflict((conflict) => conflict.columns(['alarm_id', 'user_id']).doNothing())
          .returning('alarm_id')
          .executeTakeFirst();
        if (!inserted) return;
        await trx
          .updateTable('alarm')
          .set({ acknowledged_at: sql`coalesce(acknowledged_at, ${now})`, next_repeat_at: null })
          .where('id', '=', alarmId)
          .execute();
        await trx
          .updateTable('alarm_delivery')
          .set({ read_at: now })
          .where('alarm_id', '=', alarmId)
          .where('recipient_user_id', '=', me)
          .where('channel', '=', 'in_app')
          .where('read_at', 'is', null)
          .execute();
        await recordAudit(
          trx,
          { actorUserId: me, requestId: actor.requestId, now },
          {
            action: 'alarm.acknowledge',
            entityType: 'case',
            entityId: target.case_id,
            after: { alarmId, level: target.level, note: note ? 'given' : null },
          },
        );
      });
      const item = (await mine(actor.principal, { status: 'all', limit: 200 })).items.find((row) => row.id === alarmId);
      if (!item) throw new AppError('NOT_FOUND');
      return item;
    },

    /** The case page's alarm history: every clock the case had, its result, its alarms and their messages. */
    async caseHistory(caseId: string): Promise<CaseAlarmHistory> {
      const deadlines = await db
        .selectFrom('deadline')
        .leftJoin('procedure_version', 'procedure_version.id', 'deadline.procedure_version_id')
        .leftJoin('unit', 'unit.id', 'deadline.unit_id')
        .select([
          'deadline.id',
          'deadline.kind',
          'deadline.alarm',
          'deadline.step_position',
          'deadline.clock',
          'deadline.started_at',
          'deadline.due_at',
          'deadline.warn_at',
          'deadline.status',
          'deadline.result',
          'deadline.breached_at',
          'deadline.closed_at',
          'procedure_version.steps',
          'unit.id as unit_id',
          'unit.name_th',
          'unit.name_en',
        ])
        .where('deadline.case_id', '=', caseId)
        .orderBy('deadline.seq')
        .execute();
      const alarms = await db.selectFrom('alarm').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
      const deliveries = alarms.length
        ? await db
            .selectFrom('alarm_delivery')
            .select(['alarm_id', 'channel', 'status', (eb) => eb.fn.countAll<string>().as('count')])
            .where(
              'alarm_id',
              'in',
              alarms.map((alarm) => alarm.id),
            )
            .groupBy(['alarm_id', 'channel', 'status'])
            .execute()
        : [];
      const acknowledgements = await acknowledgementsOf(alarms.map((alarm) => alarm.id));
      return {
        deadlines: deadlines.map((row) => {
          const names = subjectNames(
            row,
            parseSteps(row.steps),
            row.unit_id ? { name_th: row.name_th!, name_en: row.name_en } : null,
          );
          return {
            id: row.id,
            kind: row.kind,
            alarm: row.alarm,
            subjectTh: names.th,
            subjectEn: names.en,
            unit: row.unit_id ? { id: row.unit_id, nameTh: row.name_th!, nameEn: row.name_en } : null,
            clock: row.clock,
            startedAt: new Date(row.started_at).toISOString(),
            dueAt: new Date(row.due_at).toISOString(),
            warnAt: new Date(row.warn_at).toISOString(),
            status: row.status,
            result: row.result,
            breachedAt: iso(row.breached_at),
            closedAt: iso(row.closed_at),
            alarms: alarms
              .filter((alarm) => alarm.deadline_id === row.id)
              .map((alarm) => ({
                id: alarm.id,
                kind: alarm.kind,
                level: alarm.level,
                round: alarm.round,
                raisedAt: new Date(alarm.raised_at).toISOString(),
                lastRaisedAt: new Date(alarm.last_raised_at).toISOString(),
                resolvedAt: iso(alarm.resolved_at),
                acknowledgements: acknowledgements.get(alarm.id) ?? [],
                deliveries: deliveries
                  .filter((delivery) => delivery.alarm_id === alarm.id)
                  .map((delivery) => ({
                    channel: delivery.channel,
                    status: delivery.status,
                    count: Number(delivery.count),
                  })),
              })),
          };
        }),
      };
    },

    /** Outgoing alarm messages by status, for administrators: what failed, what is still trying, what waits for a digest. */
    async deliveries(query: {
      status: 'failed' | 'pending' | 'digest' | 'sent';
      limit: number;
    }): Promise<AlarmDeliveryList> {
      const rows = await db
        .selectFrom('alarm_delivery')
        .innerJoin('alarm', 'alarm.id', 'alarm_delivery.alarm_id')
        .innerJoin('case_file', 'case_file.id', 'alarm.case_id')
        .innerJoin('app_user', 'app_user.id', 'alarm_delivery.recipient_user_id')
        .select([
          'alarm_delivery.id',
          'alarm_delivery.alarm_id',
          'alarm.case_id',
          'case_file.case_number',
          'alarm_delivery.level',
          'alarm_delivery.round',
          'alarm_delivery.channel',
          'alarm_delivery.address',
          'alarm_delivery.status',
          'alarm_delivery.attempts',
          'alarm_delivery.next_attempt_at',
          'alarm_delivery.last_error',
          'alarm_delivery.created_at',
          'alarm_delivery.sent_at',
          'app_user.id as user_id',
          'app_user.first_name_th',
          'app_user.last_name_th',
        ])
        .where('alarm_delivery.status', '=', query.status)
        .where('alarm_delivery.channel', '<>', 'in_app')
        .orderBy('alarm_delivery.seq', 'desc')
        .limit(query.limit)
        .execute();
      const counts = await db
        .selectFrom('alarm_delivery')
        .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
        .where('status', 'in', ['pending', 'failed', 'digest'])
        .groupBy('status')
        .execute();
      const count = (status: string) => Number(counts.find((row) => row.status === status)?.count ?? 0);
      return {
        items: rows.map((row) => ({
          id: row.id,
          alarmId: row.alarm_id,
          caseId: row.case_id,
          caseNumber: row.case_number,
          level: row.level,
          round: row.round,
          channel: row.channel,
          recipient: { id: row.user_id, displayName: `${row.first_name_th} ${row.last_name_th}` },
          address: maskAddress(row.channel, row.address),
          status: row.status,
          attempts: row.attempts,
          nextAttemptAt: iso(row.next_attempt_at),
          lastError: row.last_error,
          createdAt: new Date(row.created_at).toISOString(),
          sentAt: iso(row.sent_at),
        })),
        counts: { pending: count('pending'), failed: count('failed'), digest: count('digest') },
      };
    },

    /** An administrator sends a failed message again (after mending the address or the provider). */
    async retryDelivery(actor: AlarmActor, deliveryId: string): Promise<void> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('alarm_delivery')
          .set({ status: 'pending', attempts: 0, next_attempt_at: now })
          .where('id', '=', deliveryId)
          .where('status', '=', 'failed')
          .returning(['id', 'deadline_id'])
          .executeTakeFirst();
        if (!updated) throw new AppError('NOT_FOUND');
        await recordAudit(
          trx,
          { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
          { action: 'alarm.delivery.retry', entityType: 'alarm_delivery', entityId: deliveryId },
        );
      });
    },

    async ladder(): Promise<AlarmLadder> {
      const [ladders, share, setting] = await Promise.all([
        loadLadders(db),
        warningShare(db),
        db.selectFrom('alarm_setting').select('updated_at').executeTakeFirst(),
      ]);
      return { warningShare: share, ladders, updatedAt: iso(setting?.updated_at ?? null) };
    },

    /**
     * A national administrator changes the ladder. Every open deadline is
     * looked at again at once, so a level added now applies to clocks
     * already running.
     */
    async saveLadder(actor: AlarmActor, input: SaveAlarmLadderRequest): Promise<AlarmLadder> {
      if (!isAllowed(actor.principal, 'alarms.manage', { unitId: null, provinceCode: null, ministryId: null }))
        throw new AppError('FORBIDDEN');
      const fields = ALARM_TYPES.flatMap((alarm) =>
        ladderProblems(input.ladders[alarm]).map((problem) => ({
          path: `body.ladders.${alarm}${problem.path ? `.${problem.path}` : ''}`,
          code: 'invalid_ladder',
          message: problem.message,
        })),
      );
      if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
      const now = clock.now();
      const before = await loadLadders(db);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('alarm_ladder_level').execute();
        for (const alarm of ALARM_TYPES)
          await trx
            .insertInto('alarm_ladder_level')
            .values(
              input.ladders[alarm].map((level) => ({
                alarm,
                level: level.level,
                after_minutes: level.level === 0 ? 0 : level.afterMinutes,
                audiences: level.audiences,
                channels: level.channels,
                repeat_minutes: level.repeatMinutes,
                digest_audiences: level.digestAudiences,
              })),
            )
            .execute();
        await trx
          .updateTable('alarm_setting')
          .set({ warning_share: input.warningShare, updated_by: actor.principal.userId, updated_at: now })
          .execute();
        await trx.updateTable('deadline').set({ next_check_at: now }).where('status', '=', 'open').execute();
        await recordAudit(
          trx,
          { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
          {
            action: 'alarm.ladder.save',
            entityType: 'alarm_ladder',
            entityId: 'alarm_ladder',
            before,
            after: input,
          },
        );
      });
      return this.ladder();
    },

    /**
     * A one-time code (six digits, 15 minutes) a staff member sends to the
     * OA in LINE ("OSCC 123456") to link their LINE account, so alarms reach
     * them there too.
     */
    async lineLinkCode(principal: Principal): Promise<LineLinkCode> {
      const now = clock.now();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now.getTime() + LINE_CODE_MINUTES * 60_000);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('line_link_code').where('user_id', '=', principal.userId).execute();
        await trx
          .insertInto('line_link_code')
          .values({ code_hash: hashLineCode(code), user_id: principal.userId, created_at: now, expires_at: expiresAt })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
      });
      const user = await db
        .selectFrom('app_user')
        .select('line_user_id')
        .where('id', '=', principal.userId)
        .executeTakeFirstOrThrow();
      return { code, expiresAt: expiresAt.toISOString(), linked: user.line_user_id !== null };
    },

    /** Unlinks my LINE account: no more alarms there. */
    async unlinkLine(actor: AlarmActor): Promise<void> {
      await db.updateTable('app_user').set({ line_user_id: null }).where('id', '=', actor.principal.userId).execute();
    },
  };
}

/** A staff member's link request to the OA: "OSCC" and the six-digit code. */
export const LINE_LINK_PATTERN = /^\s*OSCC\s*(\d{6})\s*$/i;

/**
 * A message to the OA — "OSCC 123456" from a staff member's LINE account —
 * links that LINE account to the person the code was given to, in the
 * caller's transaction. Returns the answer to send back.
 */
export async function linkLineAccount(
  trx: Kysely<Database>,
  now: Date,
  lineUserId: string,
  text: string,
): Promise<string> {
  const digits = LINE_LINK_PATTERN.exec(text)?.[1];
  const code = digits
    ? await trx
        .updateTable('line_link_code')
        .set({ used_at: now })
        .where('code_hash', '=', hashLineCode(digits))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst()
    : undefined;
  if (!code) return 'รหัสไม่ถูกต้องหรือหมดอายุ กรุณาขอรหัสใหม่ในระบบ / The code is wrong or expired; ask the app for a new one.';
  // One LINE account belongs to one person: linking it here unlinks it elsewhere.
  await trx.updateTable('app_user').set({ line_user_id: null }).where('line_user_id', '=', lineUserId).execute();
  await trx.updateTable('app_user').set({ line_user_id: lineUserId }).where('id', '=', code.user_id).execute();
  return 'เชื่อมบัญชี LINE กับระบบ OSCC แล้ว ท่านจะได้รับการแจ้งเตือนทางนี้ / LINE linked: OSCC alarms will reach you here.';
}

export type AlarmsService = ReturnType<typeof createAlarmsService>;
