import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { sendPrivacyReminders } from './reminders.ts';
import { anonymiseDueCases } from './retention.ts';

export const ANONYMISE_EXPIRED_CASES = 'privacy.anonymise';
export const SEND_PRIVACY_REMINDERS = 'privacy.remind';

/**
 * Every night at 02:30 Bangkok time: anonymise the closed cases past their retention period. Every hour: remind
 * the data protection officers of breaches and requests whose legal time is running out.
 */
export function privacyJobs(
  db: Kysely<Database>,
  fields: FieldProtector,
  clock: Clock,
  retentionDefaultYears: number,
  appUrl: string,
): JobDefinition[] {
  return [
    {
      name: SEND_PRIVACY_REMINDERS,
      cron: '5 * * * *',
      async handler(log) {
        const sent = await sendPrivacyReminders(db, clock, appUrl);
        if (sent.recipients) log.info(sent, 'privacy deadline reminders written to the outbox');
        return sent;
      },
    },
    {
      name: ANONYMISE_EXPIRED_CASES,
      cron: '30 2 * * *',
      async handler(log) {
        const anonymised = await anonymiseDueCases(db, fields, clock, retentionDefaultYears);
        if (anonymised) log.info({ anonymised }, 'cases past their retention period anonymised');
        return { anonymised };
      },
    },
  ];
}
