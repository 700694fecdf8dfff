import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import type { Subscriptions } from './subscriptions.ts';

export const FOLD_REPORT_DELTAS = 'reports.fold-deltas';
export const SEND_SCHEDULED_REPORTS = 'reports.send-scheduled';

/** Adds the pending differences to the monthly sums (one folder at a time); returns how many it folded. */
export async function foldReportDeltas(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ cases: number; contacts: number }>`
    select fold_case_report_deltas() as cases, fold_contact_report_deltas() as contacts`.execute(db);
  return Number(result.rows[0]?.cases ?? 0) + Number(result.rows[0]?.contacts ?? 0);
}

/**
 * Every minute: fold the report deltas (so readers add up few of them), and
 * send the subscribed reports that are due (each once a day, at the sending
 * time or at the first run after it).
 */
export function reportJobs(db: Kysely<Database>, subscriptions: Subscriptions): JobDefinition[] {
  return [
    {
      name: FOLD_REPORT_DELTAS,
      cron: '* * * * *',
      async handler(log) {
        const folded = await foldReportDeltas(db);
        if (folded) log.debug({ folded }, 'report deltas folded');
        return { folded };
      },
    },
    {
      name: SEND_SCHEDULED_REPORTS,
      cron: '*/5 * * * *',
      async handler(log) {
        const outcome = await subscriptions.sendDue();
        if (outcome.sent || outcome.skipped) log.info(outcome, 'scheduled reports');
        return outcome;
      },
    },
  ];
}
