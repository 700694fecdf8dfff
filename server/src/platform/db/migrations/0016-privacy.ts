import { sql, type Kysely } from 'kysely';

/**
 * Issue 8, privacy and audit (PDPA B.E. 2562).
 *
 * - The audit trail becomes tamper-evident: each event is sealed into a hash
 *   chain (`chain_seq`, `chain_hash` = HMAC(key, previous hash ‖ the event))
 *   by a job, in the order the events became visible, and a trigger refuses
 *   any change to an event other than sealing it once, and any deletion.
 *   `npx oscc verify-audit` walks the chain.
 * - `case_reveal`: breaking the glass — who, which case, why (protected), until
 *   when, which supervisor was told.
 * - Retention: `retention_policy` (years after closure, per problem type) and
 *   `case_file.anonymised_at`, set by the anonymising job.
 * - `subject_request`: data subjects' requests with their 30-day due date (s.30).
 * - `breach`: the breach register with its 72-hour clock (s.37(4)).
 */
const statements = [
  sql`alter table audit_event add column chain_seq bigint`,
  sql`alter table audit_event add column chain_hash text`,
  sql`create unique index audit_event_chain_idx on audit_event(chain_seq)`,
  sql`create index audit_event_unsealed_idx on audit_event(id) where chain_seq is null`,
  sql`create table audit_chain_head (
    singleton boolean primary key default true check (singleton),
    seq bigint not null,
    hash text not null,
    sealed_at timestamptz not null
  )`,
  sql`create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'audit_event is append-only: events are never deleted' using errcode = '55000';
      end if;
      if old.chain_seq is not null
        or new.chain_seq is null
        or (new.id, new.at, new.actor_user_id, new.action, new.entity_type, new.entity_id, new.before_state,
            new.after_state, new.request_id, new.scope_unit_id, new.scope_province_code, new.scope_ministry_id)
          is distinct from
           (old.id, old.at, old.actor_user_id, old.action, old.entity_type, old.entity_id, old.before_state,
            old.after_state, old.request_id, old.scope_unit_id, old.scope_province_code, old.scope_ministry_id)
      then
        raise exception 'audit_event is append-only: an event is only ever sealed, once' using errcode = '55000';
      end if;
      return new;
    end $$`,
  sql`create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only()`,
  // Who has seen a case: the views of one case, newest first.
  sql`create index audit_event_case_access_idx on audit_event(entity_id, at desc)
    where entity_type = 'case' and action in ('case.view', 'case.reveal', 'case.attachment.view')`,

  sql`create table case_reveal (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references case_file(id),
    user_id uuid not null references app_user(id),
    reason_protected text not null,
    revealed_at timestamptz not null,
    expires_at timestamptz not null,
    supervisor_id uuid references app_user(id),
    scope_unit_id uuid,
    scope_province_code char(2),
    scope_ministry_id uuid
  )`,
  sql`create index case_reveal_user_idx on case_reveal(user_id, case_id, expires_at)`,
  sql`create index case_reveal_at_idx on case_reveal(revealed_at desc)`,

  sql`alter table case_file add column anonymised_at timestamptz`,
  sql`create table retention_policy (
    problem_type_code text primary key references problem_type(code),
    retain_years integer not null check (retain_years between 1 and 100),
    updated_at timestamptz not null,
    updated_by uuid references app_user(id)
  )`,
  sql`create index case_report_closed_idx on case_report(closed_at) where status = 'closed'`,

  sql`create table privacy_counter (
    kind text not null,
    year_be integer not null,
    last_value integer not null,
    primary key (kind, year_be)
  )`,
  sql`create table subject_request (
    id uuid primary key default gen_random_uuid(),
    reference text not null unique,
    kind text not null check (kind in
      ('access', 'portability', 'objection', 'erasure', 'restriction', 'rectification', 'withdraw_consent')),
    requester_name_protected text not null,
    contact_protected text not null,
    details_protected text not null,
    case_id uuid references case_file(id),
    received_at timestamptz not null,
    due_at timestamptz not null,
    status text not null default 'open' check (status in ('open', 'completed', 'refused')),
    closed_at timestamptz,
    outcome_protected text,
    recorded_by uuid references app_user(id),
    closed_by uuid references app_user(id),
    created_at timestamptz not null,
    check ((status = 'open') = (closed_at is null))
  )`,
  sql`create index subject_request_status_idx on subject_request(status, due_at)`,
  sql`create table breach (
    id uuid primary key default gen_random_uuid(),
    reference text not null unique,
    title text not null,
    description_protected text not null,
    discovered_at timestamptz not null,
    notify_by timestamptz not null,
    affected_count integer,
    risk text not null check (risk in ('unlikely', 'risk', 'high')),
    office_notified_at timestamptz,
    subjects_notified_at timestamptz,
    measures text not null default '',
    closed_at timestamptz,
    recorded_by uuid references app_user(id),
    created_at timestamptz not null,
    version integer not null default 1
  )`,
  sql`create index breach_open_idx on breach(notify_by) where closed_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
