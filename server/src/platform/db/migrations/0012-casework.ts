import { sql, type Kysely } from 'kysely';

/**
 * Issue 5, working the case: the procedure's steps as they run on one case
 * (each with its own deadline), notes, services given, the case plan (every
 * save a revision), tasks of each unit of the team and the follow-up,
 * closure requests with the supervisor's decision, and follow-up results.
 * Free text about people (notes, plan, summaries, results) is stored
 * encrypted like every identifying field (`*_protected`).
 */
const statements = [
  sql`create table case_step (
    case_id uuid not null references case_file(id) on delete cascade,
    position integer not null check (position >= 0),
    code text not null,
    status text not null check (status in ('pending', 'open', 'done')),
    opened_at timestamptz,
    due_at timestamptz,
    done_at timestamptz,
    done_by uuid references app_user(id),
    -- What completed it: the event (referral_accepted, plan_recorded, …) or task_done by hand.
    done_event text,
    primary key (case_id, position)
  )`,
  // The running steps by deadline: "my work" now, the alarms later.
  sql`create index case_step_open_idx on case_step(due_at) where status = 'open'`,

  sql`create table case_note (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    kind text not null check (kind in ('note', 'contact', 'mdt_screening')),
    body_protected text not null,
    contact_method text check (contact_method in ('phone', 'home_visit', 'office', 'online', 'other')),
    unit_id uuid references unit(id),
    author_user_id uuid references app_user(id),
    created_at timestamptz not null
  )`,
  sql`create index case_note_case_idx on case_note(case_id, seq)`,

  sql`create table case_service (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    service_type text not null,
    provider_unit_id uuid references unit(id),
    provider_name text,
    provided_on date not null,
    note_protected text,
    unit_id uuid references unit(id),
    recorded_by uuid references app_user(id),
    recorded_at timestamptz not null,
    check (provider_unit_id is not null or provider_name is not null)
  )`,
  sql`create index case_service_case_idx on case_service(case_id, seq)`,
  sql`create index case_service_type_idx on case_service(service_type, provided_on)`,

  sql`create table case_plan (
    case_id uuid not null references case_file(id) on delete cascade,
    revision integer not null check (revision > 0),
    assessment_protected text not null,
    goals_protected text not null,
    unit_id uuid references unit(id),
    recorded_by uuid references app_user(id),
    recorded_at timestamptz not null,
    primary key (case_id, revision)
  )`,

  sql`create table case_task (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    kind text not null check (kind in ('task', 'follow_up')),
    title_protected text not null,
    unit_id uuid not null references unit(id),
    assignee_user_id uuid references app_user(id),
    due_at timestamptz not null,
    status text not null check (status in ('open', 'done', 'cancelled')),
    created_by uuid references app_user(id),
    created_at timestamptz not null,
    done_by uuid references app_user(id),
    done_at timestamptz,
    result_protected text,
    version integer not null default 1
  )`,
  sql`create index case_task_case_idx on case_task(case_id, seq)`,
  sql`create index case_task_unit_idx on case_task(unit_id, due_at) where status = 'open'`,
  sql`create index case_task_assignee_idx on case_task(assignee_user_id, due_at) where status = 'open'`,

  sql`create table case_closure (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    reason text not null,
    outcome text not null check (outcome in ('resolved', 'partly_resolved', 'not_resolved')),
    summary_protected text not null,
    follow_up_days integer not null check (follow_up_days between 1 and 365),
    requires_approval boolean not null,
    status text not null check (status in ('pending', 'approved', 'rejected')),
    requested_by uuid references app_user(id),
    requested_at timestamptz not null,
    decided_by uuid references app_user(id),
    decided_at timestamptz,
    decision_note text
  )`,
  sql`create unique index case_closure_pending_idx on case_closure(case_id) where status = 'pending'`,
  sql`create index case_closure_case_idx on case_closure(case_id, seq)`,

  sql`create table case_follow_up (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references case_file(id) on delete cascade,
    task_id uuid not null unique references case_task(id),
    outcome text not null check (outcome in ('stable', 'improved', 'needs_help', 'unreachable')),
    contact_method text not null,
    satisfaction integer check (satisfaction between 1 and 5),
    note_protected text,
    recorded_by uuid references app_user(id),
    recorded_at timestamptz not null
  )`,
  sql`create index case_follow_up_case_idx on case_follow_up(case_id, recorded_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
