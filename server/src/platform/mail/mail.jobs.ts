import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../clock.ts';
import type { JobDefinition } from '../jobs/job-queue.ts';
import { sendPendingEmails, type Mailer } from './outbox.ts';

export const SEND_PENDING_EMAILS = 'mail.send-pending';

/** Every minute (and right after something is queued): send what the outbox holds. */
export function mailJobs(db: Kysely<Database>, mailer: Mailer, clock: Clock): JobDefinition[] {
  return [
    {
      name: SEND_PENDING_EMAILS,
      cron: '* * * * *',
      async handler(log) {
        const outcome = await sendPendingEmails(db, mailer, clock);
        if (outcome.sent || outcome.failed || outcome.retrying) log.info(outcome, 'outbox e-mails processed');
        return outcome;
      },
    },
  ];
}
