import {
  formatBuddhistDate,
  type ExportFormat,
  type NewReportSubscriptionRequest,
  type ReportKind,
  type ReportLanguage,
  type ReportSubscription,
  type SubscriptionFilter,
} from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hasAnyGrant, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { renderReport } from '../../platform/documents/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { createUsersRepository } from '../identity/index.ts';
import { buildReport } from './documents.ts';
import { addDays, bangkokDay, bangkokDayStart } from './period.ts';

/** A person keeps at most this many standing orders. */
export const MAX_SUBSCRIPTIONS = 20;

export interface ScheduleSettings {
  /** The Bangkok time of day reports go out (REPORT_SEND_TIME). */
  sendHour: number;
  sendMinute: number;
  appUrl: string;
}

type Row = Awaited<ReturnType<typeof rowsOf>>[number];

function rowsOf(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('report_subscription')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

function isoDay(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** ISO weekday of a Bangkok day: 1 = Monday … 7 = Sunday. */
function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Whether a subscription is due on this Bangkok day (and not yet sent that day). */
function dueOn(row: Pick<Row, 'frequency' | 'weekday' | 'last_sent_day'>, day: string): boolean {
  if (isoDay(row.last_sent_day) === day) return false;
  return row.frequency === 'daily' || row.weekday === weekdayOf(day);
}

/** The next moment a subscription goes out: its day at the sending time, today if that is still to come. */
export function nextSendAt(
  row: Pick<Row, 'frequency' | 'weekday' | 'last_sent_day'>,
  now: Date,
  settings: Pick<ScheduleSettings, 'sendHour' | 'sendMinute'>,
): Date {
  for (let offset = 0; offset <= 8; offset += 1) {
    const day = addDays(bangkokDay(now), offset);
    const at = new Date(bangkokDayStart(day).getTime() + (settings.sendHour * 60 + settings.sendMinute) * 60_000);
    if (at.getTime() >= now.getTime() - 60_000 && dueOn(row, day)) return at;
  }
  return now;
}

/** What a sending covers: the day before (daily) or the seven days before (weekly). */
export function sendingPeriod(frequency: 'daily' | 'weekly', day: string): { from: string; to: string } {
  const to = addDays(day, -1);
  return { from: frequency === 'daily' ? to : addDays(day, -7), to };
}

function toSubscription(row: Row, now: Date, settings: ScheduleSettings): ReportSubscription {
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    frequency: row.frequency,
    weekday: row.weekday,
    format: row.format as ExportFormat,
    language: row.language as ReportLanguage,
    filter: (typeof row.filter === 'string' ? JSON.parse(row.filter) : row.filter) as SubscriptionFilter,
    createdAt: new Date(row.created_at).toISOString(),
    lastSentAt: row.last_sent_at ? new Date(row.last_sent_at).toISOString() : null,
    nextSendAt: nextSendAt(row, now, settings).toISOString(),
  };
}

export function createSubscriptions(deps: {
  db: Kysely<Database>;
  /** Where the reports sent are built (the read replica, or `db`); the subscriptions themselves live on `db`. */
  readDb?: Kysely<Database>;
  clock: Clock;
  settings: ScheduleSettings;
}) {
  const { db, clock, settings } = deps;
  const readDb = deps.readDb ?? db;
  const users = createUsersRepository(db);

  return {
    async list(actor: Principal): Promise<ReportSubscription[]> {
      const now = clock.now();
      return (await rowsOf(db, actor.userId)).map((row) => toSubscription(row, now, settings));
    },

    async create(
      actor: { principal: Principal; requestId: string },
      input: NewReportSubscriptionRequest,
    ): Promise<ReportSubscription> {
      const now = clock.now();
      if (input.filter.agencyId) {
        const agency = await db
          .selectFrom('agency')
          .select('id')
          .where('id', '=', input.filter.agencyId)
          .executeTakeFirst();
        if (!agency)
          throw new AppError('VALIDATION_FAILED', {
            fields: [
              { path: 'body.filter.agencyId', code: 'unknown_agency', message: 'ไม่พบหน่วยงานนี้ / No such agency' },
            ],
          });
      }
      return db.transaction().execute(async (trx) => {
        const count = await trx
          .selectFrom('report_subscription')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', actor.principal.userId)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_SUBSCRIPTIONS)
          throw new AppError('VALIDATION_FAILED', {
            fields: [
              {
                path: 'body',
                code: 'too_many',
                message: `สมัครรับรายงานได้ไม่เกิน ${MAX_SUBSCRIPTIONS} รายการ / at most ${MAX_SUBSCRIPTIONS} subscriptions`,
              },
            ],
          });
        const row = await trx
          .insertInto('report_subscription')
          .values({
            user_id: actor.principal.userId,
            kind: input.kind,
            frequency: input.frequency,
            weekday: input.weekday,
            format: input.format,
            language: input.language,
            filter: JSON.stringify(input.filter),
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
          {
            action: 'report.subscribe',
            entityType: 'report_subscription',
            entityId: row.id,
            after: { kind: input.kind, frequency: input.frequency, format: input.format, filter: input.filter },
            scope: { unitId: actor.principal.unitId, provinceCode: null, ministryId: null },
          },
        );
        return toSubscription(row, now, settings);
      });
    },

    async remove(actor: { principal: Principal; requestId: string }, id: string): Promise<void> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('report_subscription')
          .where('id', '=', id)
          .where('user_id', '=', actor.principal.userId)
          .returning(['kind', 'frequency'])
          .executeTakeFirst();
        if (!gone) throw new AppError('NOT_FOUND');
        await recordAudit(
          trx,
          { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
          {
            action: 'report.unsubscribe',
            entityType: 'report_subscription',
            entityId: id,
            before: gone,
            scope: { unitId: actor.principal.unitId, provinceCode: null, ministryId: null },
          },
        );
      });
    },

    /**
     * Sends every subscription due today that has not gone out yet: the
     * report built with the subscriber's permissions of this moment (someone
     * who lost `reports.export` gets nothing), rendered, and written to the
     * e-mail outbox with its file in the same transaction that marks it sent.
     */
    async sendDue(): Promise<{ sent: number; skipped: number }> {
      const now = clock.now();
      const today = bangkokDay(now);
      const sendAt = bangkokDayStart(today).getTime() + (settings.sendHour * 60 + settings.sendMinute) * 60_000;
      if (now.getTime() < sendAt) return { sent: 0, skipped: 0 };
      const rows = await db
        .selectFrom('report_subscription')
        .innerJoin('app_user', 'app_user.id', 'report_subscription.user_id')
        .selectAll('report_subscription')
        .select(['app_user.email', 'app_user.status as user_status', 'app_user.unit_id as user_unit_id'])
        .where((eb) =>
          eb.or([
            eb('report_subscription.last_sent_day', 'is', null),
            eb('report_subscription.last_sent_day', '<', today),
          ]),
        )
        .orderBy('report_subscription.created_at')
        .execute();
      const outcome = { sent: 0, skipped: 0 };
      for (const row of rows) {
        if (!dueOn(row, today)) continue;
        const principal: Principal = {
          userId: row.user_id,
          unitId: row.user_unit_id,
          grants: row.user_status === 'active' ? await users.grantsOf(row.user_id) : [],
        };
        if (!hasAnyGrant(principal, 'reports.export')) {
          outcome.skipped += 1;
          continue;
        }
        const subscription = toSubscription(row, now, settings);
        const period = sendingPeriod(row.frequency, today);
        // The report from the replica (a moment stale at most); marking it sent, the e-mail and the audit record below
        // are written to the primary in one transaction.
        const document = await buildReport(
          readDb,
          principal,
          subscription.kind,
          { ...subscription.filter, ...period },
          now,
          'reports.export',
        );
        const file = await renderReport(document, subscription.format, subscription.language);
        const th = subscription.language === 'th';
        const title = th ? document.title.th : document.title.en;
        const range =
          period.from === period.to
            ? formatBuddhistDate(bangkokDayStart(period.from), subscription.language, 'longDate')
            : `${formatBuddhistDate(bangkokDayStart(period.from), subscription.language)} – ${formatBuddhistDate(
                bangkokDayStart(period.to),
                subscription.language,
              )}`;
        const every = th
          ? row.frequency === 'daily'
            ? 'รายงานประจำวัน'
            : 'รายงานประจำสัปดาห์'
          : row.frequency === 'daily'
            ? 'Daily report'
            : 'Weekly report';
        await db.transaction().execute(async (trx) => {
          const marked = await trx
            .updateTable('report_subscription')
            .set({ last_sent_at: now, last_sent_day: today })
            .where('id', '=', row.id)
            .where((eb) => eb.or([eb('last_sent_day', 'is', null), eb('last_sent_day', '<', today)]))
            .returning('id')
            .executeTakeFirst();
          // Another worker sent it meanwhile.
          if (!marked) return;
          await enqueueEmail(
            trx,
            {
              to: row.email,
              subject: `[OSCC 1300] ${every}: ${title} (${range})`,
              text: [
                th ? `${every}: ${title}` : `${every}: ${title}`,
                th ? `ช่วงเวลา: ${range}` : `Period: ${range}`,
                th ? `ขอบเขต: ${document.scope.th}` : `Scope: ${document.scope.en}`,
                '',
                th ? `ไฟล์รายงานแนบมากับอีเมลนี้ (${file.fileName})` : `The report is attached (${file.fileName}).`,
                th
                  ? `ดูรายงานและตัวเลขเบื้องหลังได้ที่ ${settings.appUrl}/reports`
                  : `See the report and the cases behind it at ${settings.appUrl}/reports`,
                th
                  ? `ยกเลิกการรับรายงานได้ที่ ${settings.appUrl}/reports/subscriptions`
                  : `Unsubscribe at ${settings.appUrl}/reports/subscriptions`,
              ].join('\n'),
              attachments: [{ fileName: file.fileName, contentType: file.contentType, content: file.bytes }],
            },
            now,
          );
          await recordAudit(
            trx,
            { actorUserId: null, requestId: null, now },
            {
              action: 'report.export',
              entityType: 'report_subscription',
              entityId: row.id,
              after: { kind: subscription.kind, format: subscription.format, period, to: row.user_id },
              scope: { unitId: row.user_unit_id, provinceCode: null, ministryId: null },
            },
          );
          outcome.sent += 1;
        });
      }
      return outcome;
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
