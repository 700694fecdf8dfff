import { sql, type Kysely } from 'kysely';

/**
 * Issue 4: a retried request (a mobile app on a flaky network) with the same
 * Idempotency-Key gets the first answer again instead of making a second case.
 * The stored answer is field-protected: it may hold a PIN.
 */
const statements = [
  sql`create table idempotent_request (
    key text not null,
    endpoint text not null,
    request_hash text not null,
    response_protected text not null,
    created_at timestamptz not null,
    primary key (endpoint, key)
  )`,
  sql`create index idempotent_request_created_idx on idempotent_request(created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
