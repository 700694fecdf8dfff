import { sql, type Kysely } from 'kysely';

/**
 * Issue 4: conversations on LINE (and later Facebook). A conversation is a
 * contact awaiting triage until staff decide what it is; every webhook event
 * is taken once (providers redeliver); people's provider ids and messages are
 * stored protected.
 */
const statements = [
  sql`alter table intake_contact drop constraint intake_contact_outcome_check`,
  sql`alter table intake_contact add constraint intake_contact_outcome_check check (outcome in
    ('pending', 'case', 'advice', 'information', 'referred_elsewhere', 'prank', 'silent', 'wrong_number'))`,

  sql`create table webhook_event (
    provider text not null,
    event_id text not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
  )`,
  sql`create index webhook_event_received_idx on webhook_event(received_at)`,

  sql`create table social_conversation (
    id uuid primary key default gen_random_uuid(),
    provider text not null check (provider in ('line', 'facebook')),
    user_index text not null,
    user_protected text not null,
    contact_id uuid not null references intake_contact(id),
    started_at timestamptz not null,
    last_message_at timestamptz not null,
    unique (provider, user_index)
  )`,

  sql`create table social_message (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    conversation_id uuid not null references social_conversation(id) on delete cascade,
    direction text not null check (direction in ('in', 'out')),
    kind text not null,
    text_protected text,
    provider_message_id text,
    sent_by uuid references app_user(id),
    delivery text not null check (delivery in ('received', 'sent', 'failed')),
    created_at timestamptz not null
  )`,
  sql`create index social_message_conversation_idx on social_message(conversation_id, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
