import { DEFAULT_LADDERS, ALARM_TYPES } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';

/**
 * Issue 6, the alarm system. `deadline` holds one row per open clock of a
 * case (first contact, each running step, each referral waiting for an
 * answer), with the next moment something must happen to it — the only
 * index the checker reads, so its work grows with what is due, not with
 * what is open. `alarm` is one level of the ladder raised for a deadline;
 * `alarm_delivery` is the outbox of its messages, one row per (deadline,
 * level, round, recipient, channel) — unique, so a retried check never
 * sends twice — written in the same transaction as the breach.
 */
const statements = [
  sql`create table alarm_setting (
    id boolean primary key default true check (id),
    warning_share numeric(7, 6) not null default 0.75 check (warning_share > 0 and warning_share < 1),
    -- When the cases that were open before the alarm system came got their deadlines (once, at the first start).
    deadlines_backfilled_at timestamptz,
    updated_by uuid references app_user(id),
    updated_at timestamptz
  )`,
  sql`insert into alarm_setting (id) values (true)`,

  sql`create table alarm_ladder_level (
    alarm text not null check (alarm in ('no_service', 'overdue')),
    level integer not null check (level between 0 and 9),
    after_minutes integer not null default 0 check (after_minutes >= 0),
    audiences text[] not null,
    channels text[] not null,
    repeat_minutes integer check (repeat_minutes is null or repeat_minutes >= 15),
    digest_audiences text[] not null default '{}',
    primary key (alarm, level)
  )`,

  sql`create table deadline (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    case_id uuid not null references case_file(id) on delete cascade,
    alarm text not null check (alarm in ('no_service', 'overdue')),
    kind text not null check (kind in ('first_contact', 'step', 'referral')),
    -- What it watches: 'first_contact', 'step:<position>' or 'referral:<id>'; one open deadline per subject.
    subject text not null,
    step_position integer,
    step_code text,
    referral_id uuid references referral(id) on delete cascade,
    unit_id uuid references unit(id),
    procedure_version_id uuid references procedure_version(id),
    clock text not null check (clock in ('24x7', 'business')),
    started_at timestamptz not null,
    due_at timestamptz not null,
    warn_at timestamptz not null,
    status text not null default 'open' check (status in ('open', 'met', 'cancelled')),
    -- Recorded once, for reports: met in time, or breached (even when met later).
    result text check (result in ('met', 'breached')),
    breached_at timestamptz,
    closed_at timestamptz,
    -- The highest ladder level raised so far (-1: none).
    level integer not null default -1,
    next_check_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create unique index deadline_open_subject_idx on deadline(case_id, subject) where status = 'open'`,
  sql`create index deadline_next_check_idx on deadline(next_check_at) where next_check_at is not null`,
  sql`create index deadline_case_idx on deadline(case_id, seq)`,
  sql`create index deadline_result_idx on deadline(kind, due_at) where result is not null`,

  sql`create table alarm (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    deadline_id uuid not null references deadline(id) on delete cascade,
    case_id uuid not null references case_file(id) on delete cascade,
    level integer not null,
    kind text not null check (kind in ('warning', 'breach')),
    raised_at timestamptz not null,
    round integer not null default 1,
    last_raised_at timestamptz not null,
    next_repeat_at timestamptz,
    acknowledged_at timestamptz,
    resolved_at timestamptz,
    unique (deadline_id, level)
  )`,
  sql`create index alarm_case_idx on alarm(case_id, seq)`,

  sql`create table alarm_acknowledgement (
    alarm_id uuid not null references alarm(id) on delete cascade,
    user_id uuid not null references app_user(id),
    at timestamptz not null,
    note text,
    primary key (alarm_id, user_id)
  )`,

  sql`create table alarm_delivery (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    alarm_id uuid not null references alarm(id) on delete cascade,
    deadline_id uuid not null references deadline(id) on delete cascade,
    level integer not null,
    round integer not null,
    recipient_user_id uuid not null references app_user(id),
    audience text not null,
    channel text not null check (channel in ('in_app', 'email', 'sms', 'line')),
    address text,
    subject text not null,
    body text not null,
    status text not null check (status in ('pending', 'sent', 'failed', 'digest')),
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    last_error text,
    created_at timestamptz not null,
    sent_at timestamptz,
    read_at timestamptz,
    digest_email_id uuid,
    unique (deadline_id, level, round, recipient_user_id, channel)
  )`,
  sql`create index alarm_delivery_due_idx on alarm_delivery(next_attempt_at) where status = 'pending'`,
  sql`create index alarm_delivery_inbox_idx on alarm_delivery(recipient_user_id, seq) where channel = 'in_app'`,
  sql`create index alarm_delivery_alarm_idx on alarm_delivery(alarm_id)`,
  sql`create index alarm_delivery_failed_idx on alarm_delivery(created_at) where status = 'failed'`,
  sql`create index alarm_delivery_digest_idx on alarm_delivery(recipient_user_id) where status = 'digest'`,

  // Staff who linked their LINE account get alarms there too.
  sql`alter table app_user add column line_user_id text`,
  sql`create unique index app_user_line_idx on app_user(line_user_id) where line_user_id is not null`,
  sql`create table line_link_code (
    code_hash text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
  // The default ladder, as data an administrator may change.
  for (const alarm of ALARM_TYPES)
    for (const level of DEFAULT_LADDERS[alarm])
      await sql`insert into alarm_ladder_level (alarm, level, after_minutes, audiences, channels, repeat_minutes, digest_audiences)
        values (${alarm}, ${level.level}, ${level.afterMinutes}, ${level.audiences}::text[], ${level.channels}::text[],
                ${level.repeatMinutes}, ${level.digestAudiences}::text[])`.execute(db);
}
