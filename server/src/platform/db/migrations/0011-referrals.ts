import { sql, type Kysely } from 'kysely';

/**
 * Issue 5: referrals. A case is sent to a unit — the lead unit that answers
 * for it, or another unit of the multidisciplinary team — and each referral
 * is answered (accepted or declined with a reason), transferred to another
 * unit, or revoked, each with its own deadline. At most one active referral
 * per case and unit.
 */
const statements = [
  sql`create table referral (
    id uuid primary key default gen_random_uuid(),
    -- The order referrals were made in (times can be equal).
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    unit_id uuid not null references unit(id),
    kind text not null check (kind in ('lead', 'team')),
    status text not null check (status in ('sent', 'accepted', 'declined', 'transferred', 'revoked')),
    note text,
    sent_by uuid references app_user(id),
    sent_at timestamptz not null,
    due_at timestamptz not null,
    responded_by uuid references app_user(id),
    responded_at timestamptz,
    response_reason text,
    parent_referral_id uuid references referral(id),
    version integer not null default 1
  )`,
  sql`create unique index referral_active_idx on referral(case_id, unit_id) where status in ('sent', 'accepted')`,
  sql`create index referral_unit_idx on referral(unit_id, status, due_at)`,
  sql`create index referral_case_idx on referral(case_id, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
