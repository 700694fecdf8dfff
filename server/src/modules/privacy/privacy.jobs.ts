import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { anonymiseDueCases } from './retention.ts';

export const ANONYMISE_EXPIRED_CASES = 'privacy.anonymise';

/** Every night at 02:30 Bangkok time: anonymise the closed cases past their retention period. */
export function privacyJobs(
  db: Kysely<Database>,
  fields: FieldProtector,
  clock: Clock,
  retentionDefaultYears: number,
): JobDefinition[] {
  return [
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
