import { formatBuddhistDate } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { emailsOfActionHolders } from '../identity/index.ts';

const HOUR = 60 * 60 * 1000;

/**
 * The law's clocks reach the data protection officers (the holders of
 * `privacy.manage`) before they run out: a breach the office has not been
 * told of, 24 hours before its 72 hours end and every 12 hours after; a
 * request not answered, 3 days before its 30 days end and daily after. One
 * e-mail per person and run, with references and deadlines only — nothing
 * about the people concerned. Marking and writing the outbox share one
 * transaction, so however many workers run, each reminder is sent once.
 */
export async function sendPrivacyReminders(
  db: Kysely<Database>,
  clock: Clock,
  appUrl: string,
): Promise<{ breaches: number; requests: number; recipients: number }> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const breaches = await trx
      .updateTable('breach')
      .set({ reminded_at: now })
      .where('closed_at', 'is', null)
      .where('risk', '<>', 'unlikely')
      .where('office_notified_at', 'is', null)
      .where('notify_by', '<=', new Date(now.getTime() + 24 * HOUR))
      .where((eb) =>
        eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', new Date(now.getTime() - 12 * HOUR))]),
      )
      .returning(['reference', 'notify_by'])
      .execute();
    const requests = await trx
      .updateTable('subject_request')
      .set({ reminded_at: now })
      .where('status', '=', 'open')
      .where('due_at', '<=', new Date(now.getTime() + 72 * HOUR))
      .where((eb) =>
        eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', new Date(now.getTime() - 24 * HOUR))]),
      )
      .returning(['reference', 'kind', 'due_at'])
      .execute();
    if (breaches.length === 0 && requests.length === 0) return { breaches: 0, requests: 0, recipients: 0 };
    const recipients = await emailsOfActionHolders(trx, 'privacy.manage');
    const when = (at: Date | string) =>
      `${formatBuddhistDate(at, 'th', 'dateTime')}${new Date(at) < now ? ' — เลยกำหนดแล้ว / OVERDUE' : ''}`;
    const base = appUrl.replace(/\/+$/, '');
    const lines = [
      ...(breaches.length
        ? [
            'เหตุละเมิดที่ยังไม่ได้แจ้งสำนักงานคณะกรรมการฯ (72 ชั่วโมง, ม.37(4)) / Breaches the office has not been told of:',
            ...breaches.map((b) => `  ${b.reference}  แจ้งภายใน / notify by ${when(b.notify_by)}`),
            `  ${base}/privacy/breaches`,
            '',
          ]
        : []),
      ...(requests.length
        ? [
            'คำขอของเจ้าของข้อมูลที่ใกล้ครบ 30 วัน (ม.30) / Data subjects’ requests due:',
            ...requests.map((r) => `  ${r.reference}  (${r.kind})  ครบกำหนด / due ${when(r.due_at)}`),
            `  ${base}/privacy/requests`,
          ]
        : []),
    ];
    for (const email of recipients)
      await enqueueEmail(
        trx,
        {
          to: email,
          subject: `[OSCC] กำหนดเวลาตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล ใกล้ครบ / PDPA deadlines (${breaches.length + requests.length})`,
          text: lines.join('\n'),
        },
        now,
      );
    return { breaches: breaches.length, requests: requests.length, recipients: recipients.length };
  });
}
