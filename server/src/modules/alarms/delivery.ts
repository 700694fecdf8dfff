import { randomUUID } from 'node:crypto';
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

/** A send that has not finished after this share of the lease is given up, so it cannot outlast its lease. */
const SEND_TIMEOUT_SHARE = 0.5;

/** A send given up on for taking too long: it may still arrive. */
class SendTimeout extends Error {}

/** Rejects with `SendTimeout` when `work` has not settled within `ms`. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(`no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the alarm messages that are due, one at a time, each leased just before it is sent — its next attempt
 * moved past the lease, its attempt counted and a lease token of this pass set, in one conditional UPDATE (only
 * while it is still pending and due) — so two workers never send the same one, a message whose worker died
 * mid-send is sent again when its lease runs out (nothing is lost), and a slow pass never sends messages another
 * worker has since taken (a lease for the whole batch did, once the batch outlasted it). A send that takes more than
 * half the lease is given up (that message waits out its lease, then is retried). Then it is marked sent, or retried
 * with back-off, or after the last attempt marked failed for administrators to see — only by the lease's holder.
 */
export async function deliverAlarmMessages(
  db: Kysely<Database>,
  senders: AlarmSenders,
  clock: Clock,
  options: { batchSize?: number; leaseSeconds?: number; sendTimeoutMs?: number } = {},
): Promise<{ sent: number; retrying: number; failed: number }> {
  const lease = (options.leaseSeconds ?? 120) * 1000;
  const sendTimeout = Math.min(options.sendTimeoutMs ?? lease * SEND_TIMEOUT_SHARE, lease * SEND_TIMEOUT_SHARE);
  const due = await db
    .selectFrom('alarm_delivery')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', clock.now())
    .orderBy('next_attempt_at')
    .limit(options.batchSize ?? 50)
    .execute();
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (const { id } of due) {
    const token = randomUUID();
    const leasedAt = clock.now();
    const leased = await sql<{
      id: string;
      channel: 'email' | 'sms' | 'line';
      address: string | null;
      subject: string;
      body: string;
      attempts: number;
    }>`
      update alarm_delivery
      set next_attempt_at = ${new Date(leasedAt.getTime() + lease)}, attempts = attempts + 1, lease_token = ${token}
      where id = ${id} and status = 'pending' and next_attempt_at <= ${leasedAt}
      returning id, channel, address, subject, body, attempts`.execute(db);
    const message = leased.rows[0];
    if (!message) continue; // sent, or leased by another worker, since this pass looked
    const ours = db.updateTable('alarm_delivery').where('id', '=', message.id).where('lease_token', '=', token);
    try {
      if (!message.address) throw new Error('no address');
      await within(send(senders, message), sendTimeout);
      await ours
        .set({ status: 'sent', sent_at: clock.now(), last_error: null, next_attempt_at: null, lease_token: null })
        .execute();
      outcome.sent += 1;
    } catch (error) {
      const giveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      const backOff = clock.now().getTime() + deliveryRetryDelayMs(message.attempts);
      // A send given up on may still arrive: not again before its lease ends (a refusal is retried after back-off).
      const retryAt = error instanceof SendTimeout ? Math.max(leasedAt.getTime() + lease, backOff) : backOff;
      await ours
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: describe(error),
          next_attempt_at: giveUp ? null : new Date(retryAt),
          lease_token: null,
        })
        .execute();
      if (giveUp) outcome.failed += 1;
      else outcome.retrying += 1;
    }
  }
  return outcome;
}

async function send(
  senders: AlarmSenders,
  message: { id: string; channel: 'email' | 'sms' | 'line'; address: string | null; subject: string; body: string },
): Promise<void> {
  if (message.channel === 'email')
    await senders.email.send({
      to: message.address!,
      subject: message.subject,
      text: message.body,
      messageId: `<alarm-${message.id}@oscc>`,
    });
  else if (message.channel === 'sms') {
    if (!senders.sms) throw new Error('no SMS gateway configured');
    await senders.sms.send(message.address!, message.body);
  } else {
    if (!senders.line) throw new Error('LINE is not configured');
    await pushLineText(senders.line, message.address!, message.body);
  }
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
