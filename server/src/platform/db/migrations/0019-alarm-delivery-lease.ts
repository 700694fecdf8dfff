import { sql, type Kysely } from 'kysely';

/**
 * Issue 9: an alarm message is leased on its own, just before it is sent, under a token — so a worker whose batch
 * outlasts the lease no longer sends messages another worker has since leased and sent (the scale-out test found
 * them doubled), and only the holder of the current lease may record the outcome.
 */
const statements = [sql`alter table alarm_delivery add column lease_token uuid`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
