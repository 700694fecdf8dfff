import { formatBuddhistDate } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { pushLineText, type LineSettings } from '../../platform/line/line-push.ts';
import { enqueueEmail, type Mailer } from '../../platform/mail/outbox.ts';
import type { SmsSender } from '../../platform/sms/sms-gateway.ts';

/** What carries alarm messages out: e-mail always; SMS and LINE when configured. */
export interface AlarmSenders {
  email: Mailer;
  sms: SmsSender | null;
  line: LineSettings | null;
}

export const MAX_DELIVERY_ATTEMPTS = 10;

/** Back-off after the n-th failed attempt: 30 s, 1, 2, 4 … minutes, at most 30 minutes. */
export function deliveryRetryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: string }).code;
  return `${error.name}${code ? ` ${code}` : ''}: ${error.message}`.slice(0, 500);
}

/**
 * Sends the alarm messages that are due. Each is leased first — its next
 * attempt moved past the lease and its attempt counted, under SKIP LOCKED —
 * so two workers never send the same one at once, and one whose worker died
 * mid-send is sent again when the lease runs out: nothing is lost. Then it
 * is sent outside any transaction and marked sent, or retried with back-off,
 * or after the last attempt marked failed for administrators to see.
 */
export async function deliverAlarmMessages(
  db: Kysely<Database>,
  senders: AlarmSenders,
  clock: Clock,
  options: { batchSize?: number; leaseSeconds?: number } = {},
): Promise<{ sent: number; retrying: number; failed: number }> {
  const now = clock.now();
  const lease = (options.leaseSeconds ?? 120) * 1000;
  const leased = await sql<{
    id: string;
    channel: 'email' | 'sms' | 'line';
    address: string | null;
    subject: string;
    body: string;
    attempts: number;
  }>`
    update alarm_delivery set next_attempt_at = ${new Date(now.getTime() + lease)}, attempts = attempts + 1
    where id in (
      select id from alarm_delivery
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at
      limit ${options.batchSize ?? 50}
      for update skip locked
    )
    returning id, channel, address, subject, body, attempts`.execute(db);
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (const message of leased.rows) {
    try {
      if (!message.address) throw new Error('no address');
      if (message.channel === 'email')
        await senders.email.send({
          to: message.address,
          subject: message.subject,
          text: message.body,
          messageId: `<alarm-${message.id}@oscc>`,
        });
      else if (message.channel === 'sms') {
        if (!senders.sms) throw new Error('no SMS gateway configured');
        await senders.sms.send(message.address, message.body);
      } else {
        if (!senders.line) throw new Error('LINE is not configured');
        await pushLineText(senders.line, message.address, message.body);
      }
      await db
        .updateTable('alarm_delivery')
        .set({ status: 'sent', sent_at: clock.now(), last_error: null, next_attempt_at: null })
        .where('id', '=', message.id)
        .execute();
      outcome.sent += 1;
    } catch (error) {
      const giveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      await db
        .updateTable('alarm_delivery')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: describe(error),
          next_attempt_at: giveUp ? null : new Date(clock.now().getTime() + deliveryRetryDelayMs(message.attempts)),
        })
        .where('id', '=', message.id)
        .execute();
      if (giveUp) outcome.failed += 1;
      else outcome.retrying += 1;
    }
  }
  return outcome;
}

/**
 * The executives' digest: for each person with alarm e-mails set aside for
 * a digest, one e-mail listing them — written to the e-mail outbox in the
 * same transaction that marks them sent, so a digest is neither lost nor
 * sent twice, and the outbox retries it while the mail server is down.
 */
export async function sendAlarmDigests(
  db: Kysely<Database>,
  clock: Clock,
  appUrl: string,
): Promise<{ digests: number; alarms: number }> {
  const now = clock.now();
  const recipients = await db
    .selectFrom('alarm_delivery')
    .select('recipient_user_id')
    .distinct()
    .where('status', '=', 'digest')
    .execute();
  const outcome = { digests: 0, alarms: 0 };
  for (const { recipient_user_id: userId } of recipients) {
    await db.transaction().execute(async (trx) => {
      const items = await sql<{ id: string; address: string; subject: string; created_at: Date }>`
        select id, address, subject, created_at from alarm_delivery
        where recipient_user_id = ${userId} and status = 'digest'
        order by created_at
        for update skip locked`.execute(trx);
      if (items.rows.length === 0) return;
      const address = items.rows[items.rows.length - 1]!.address;
      const lines = items.rows.map(
        (item, index) =>
          `${index + 1}. ${formatBuddhistDate(new Date(item.created_at), 'th', 'dateTime')} — ${item.subject}`,
      );
      const count = items.rows.length;
      const emailId = await enqueueEmail(
        trx,
        {
          to: address,
          subject: `[OSCC 1300] สรุปการแจ้งเตือน ${count} รายการ / Alarm digest: ${count}`,
          text: [
            `สรุปการแจ้งเตือนเรื่องที่ล่าช้าในความรับผิดชอบของท่าน ${count} รายการ (ถึง ${formatBuddhistDate(now, 'th', 'dateTime')})`,
            `Alarms on late cases in your remit: ${count} (up to ${formatBuddhistDate(now, 'en', 'dateTime')})`,
            '',
            ...lines,
            '',
            `ดูและรับทราบ / View and acknowledge: ${appUrl}/alarms`,
          ].join('\n'),
        },
        now,
      );
      await trx
        .updateTable('alarm_delivery')
        .set({ status: 'sent', sent_at: now, digest_email_id: emailId })
        .where(
          'id',
          'in',
          items.rows.map((item) => item.id),
        )
        .execute();
      outcome.digests += 1;
      outcome.alarms += count;
    });
  }
  return outcome;
}
