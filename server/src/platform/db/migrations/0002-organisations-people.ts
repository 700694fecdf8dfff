import { sql, type Kysely } from 'kysely';

/**
 * Issue 3: units get areas of responsibility, problem types, office hours and
 * a version for optimistic locking; agencies know their ministry (root);
 * users get every Front Line 1 field, a supervisor, two-factor sign-in;
 * single-use tokens for invitations and password resets; an e-mail outbox;
 * permission rules with conditions; and an audit trail of every change.
 */
const statements = [
  sql`alter table agency add column root_id uuid references agency(id)`,
  sql`alter table agency add column active boolean not null default true`,
  sql`alter table agency add column version integer not null default 1`,
  sql`update agency set root_id = coalesce(parent_id, id)`,
  // the seed is at most two levels deep; deeper trees are kept right by the service from now on
  sql`update agency a set root_id = p.root_id from agency p where a.parent_id = p.id`,
  sql`create index agency_root_idx on agency(root_id)`,

  sql`alter table unit add column postcode text`,
  sql`alter table unit add column phone text`,
  sql`alter table unit add column email text`,
  sql`alter table unit add column search_text text not null default ''`,
  sql`alter table unit add column version integer not null default 1`,
  sql`create index unit_type_idx on unit(type)`,
  sql`create index unit_name_idx on unit(name_th)`,

  sql`create table unit_area (
    unit_id uuid not null references unit(id) on delete cascade,
    level text not null check (level in ('province', 'district', 'subdistrict')),
    code text not null,
    province_code char(2) not null references geo_province(code),
    primary key (unit_id, code),
    check (
      (level = 'province' and code ~ '^[0-9]{2}$') or
      (level = 'district' and code ~ '^[0-9]{4}$') or
      (level = 'subdistrict' and code ~ '^[0-9]{6}$')
    ),
    check (left(code, 2) = province_code)
  )`,
  sql`create index unit_area_code_idx on unit_area(code)`,
  sql`create index unit_area_province_idx on unit_area(province_code)`,

  sql`create table problem_type (
    code text primary key,
    name_th text not null,
    name_en text not null,
    urgent boolean not null default false,
    lead_agency_code text,
    sort_order integer not null default 100,
    active boolean not null default true
  )`,
  sql`create table unit_problem_type (
    unit_id uuid not null references unit(id) on delete cascade,
    problem_type_code text not null references problem_type(code),
    primary key (unit_id, problem_type_code)
  )`,

  sql`alter table app_user add column birth_date date`,
  sql`alter table app_user add column gender text check (gender in ('male', 'female', 'other'))`,
  sql`alter table app_user add column mobile text`,
  sql`alter table app_user add column supervisor_id uuid references app_user(id)`,
  sql`alter table app_user add column invited_at timestamptz`,
  sql`alter table app_user add column password_set_at timestamptz`,
  sql`alter table app_user add column totp_secret text`,
  sql`alter table app_user add column totp_enabled_at timestamptz`,
  // The 30-second step of the last code accepted: a code is never accepted twice (RFC 6238 §5.2).
  sql`alter table app_user add column totp_last_step bigint`,
  sql`alter table app_user add column version integer not null default 1`,
  sql`alter table app_user add column search_text text not null default ''`,
  sql`create index app_user_unit_idx on app_user(unit_id)`,
  sql`create index app_user_supervisor_idx on app_user(supervisor_id)`,

  sql`create table user_recovery_code (
    user_id uuid not null references app_user(id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    primary key (user_id, code_hash)
  )`,

  sql`create table user_token (
    token_hash text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    purpose text not null check (purpose in ('invitation', 'password_reset', 'sign_in_challenge')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  sql`create index user_token_user_idx on user_token(user_id, purpose)`,

  sql`alter table user_session add column second_factor text not null default 'not_required'
    check (second_factor in ('not_required', 'verified', 'enrolment_required'))`,

  sql`create table outbound_email (
    id uuid primary key default gen_random_uuid(),
    created_at timestamptz not null,
    to_address text not null,
    subject text not null,
    text_body text not null,
    html_body text,
    status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    sent_at timestamptz
  )`,
  sql`create index outbound_email_pending_idx on outbound_email(next_attempt_at) where status = 'pending'`,

  sql`alter table role_permission add column conditions jsonb not null default '[["everywhere"]]'`,
  sql`alter table role add column requires_second_factor boolean not null default false`,
  // Rules now carry conditions; the old unconditional rows would grant too much. The
  // defaults (with conditions) are seeded again at start.
  sql`delete from role_permission`,

  sql`create table audit_event (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    actor_user_id uuid references app_user(id),
    action text not null,
    entity_type text not null,
    entity_id text not null,
    before_state jsonb,
    after_state jsonb,
    request_id text
  )`,
  sql`create index audit_event_entity_idx on audit_event(entity_type, entity_id, at)`,
  sql`create index audit_event_at_idx on audit_event(at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
