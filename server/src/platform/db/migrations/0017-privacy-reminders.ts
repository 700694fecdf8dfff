import { sql, type Kysely } from 'kysely';

/** Issue 8: when the data protection officers were last reminded of a breach's 72 hours or a request's 30 days. */
const statements = [
  sql`alter table breach add column reminded_at timestamptz`,
  sql`alter table subject_request add column reminded_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
