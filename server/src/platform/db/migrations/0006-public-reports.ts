import { sql, type Kysely } from 'kysely';

/** Issue 4: a public web report's tracking code and PIN (argon2id hash), with a lock after repeated wrong PINs. */
const statements = [
  sql`create table public_report (
    case_id uuid primary key references case_file(id) on delete cascade,
    tracking_code text not null unique,
    pin_hash text not null,
    failed_attempts integer not null default 0,
    locked_until timestamptz,
    created_at timestamptz not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
