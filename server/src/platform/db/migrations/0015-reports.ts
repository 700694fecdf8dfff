import { sql, type Kysely } from 'kysely';

/**
 * Issue 7, reports. Executives' figures must be exact and fast over a
 * million cases, so the database keeps them itself:
 *
 * - `case_report`: one narrow row per case with everything a report counts
 *   (where, which unit and ministry, what, how it came, where it stands, its
 *   24-hour first contact, its steps on time or late, when it closed). It is
 *   recomputed from the case's own rows by `case_report_refresh(case)`, which
 *   deferred triggers call at commit of any transaction that changed the case,
 *   its deadlines, its transitions, or its unit's ministry — whatever code
 *   made the change — so it can never drift from the cases.
 * - The sums, per month: `case_report_month` by province, ministry,
 *   problem, channel and status together (for combined filters);
 *   `report_marginal` for each single scope (the nation, a ministry, a
 *   province, a problem, a channel) by each dimension alone — the national
 *   dashboard reads a few hundred rows a month, not one per case; and
 *   `report_duration`, how many cases took each number of minutes to the
 *   first contact (hours to closure), per scope, for exact medians.
 *   A refresh never updates a sum in place (concurrent intakes would queue
 *   on the same rows): it appends its difference to `case_report_delta`, and
 *   `fold_case_report_deltas()` (a job every minute, one at a time) adds the
 *   deltas to the sums. Readers add sums + pending deltas, so the figures are
 *   exact at every moment. Contacts likewise (`contact_report_delta` →
 *   `contact_report`), by the unit that took them.
 */
const KEY = 'month, province_code, ministry_id, problem_code, channel, status';
const MEASURES =
  'cases, crisis, closed, reached_met, reached_breached, reached_pending, steps_met, steps_breached, overdue, alarmed';
const MEASURE_COLUMNS = MEASURES.split(', ')
  .map((column) => `${column} integer not null default 0`)
  .join(', ');
const ADD_MEASURES = (table: string) =>
  MEASURES.split(', ')
    .map((column) => `${column} = ${table}.${column} + excluded.${column}`)
    .join(', ');
const SUM_MEASURES = MEASURES.split(', ')
  .map((column) => `sum(${column})::int as ${column}`)
  .join(', ');
// The single scopes a case counts in, and the dimensions it counts by, for `report_marginal` and `report_duration`.
const SCOPES = `(values ('nation'), ('ministry:' || s.ministry_id), ('province:' || s.province_code),
  ('problem:' || s.problem_code), ('channel:' || s.channel)) sc(scope)`;
const DIMENSIONS = `(values ('total', ''), ('problem', coalesce(s.problem_code, 'none')), ('channel', s.channel),
  ('status', s.status), ('ministry', coalesce(s.ministry_id::text, 'none')),
  ('province', coalesce(s.province_code, 'none'))) d(dim, key)`;

const statements = [
  // The problem the case was reported for first (the one its procedure follows); the others stay in case_problem_type.
  sql`alter table case_file add column primary_problem_code text references problem_type(code)`,
  sql`update case_file c set primary_problem_code = coalesce(
    (select pv.problem_type_code from procedure_version pv
      join case_problem_type cp on cp.case_id = c.id and cp.problem_type_code = pv.problem_type_code
      where pv.id = c.procedure_version_id),
    (select min(problem_type_code) from case_problem_type where case_id = c.id))`,

  sql`create table case_report (
    case_id uuid primary key references case_file(id) on delete cascade,
    received_at timestamptz not null,
    -- The Bangkok calendar day and month the case was received.
    received_day date not null,
    month date not null,
    province_code char(2),
    district_code char(4),
    unit_id uuid,
    agency_id uuid,
    ministry_id uuid,
    problem_code text,
    channel text not null,
    status text not null,
    crisis boolean not null,
    -- The responsible unit's first contact within 24 hours: met, breached, still running (pending), or no clock.
    first_contact text check (first_contact in ('met', 'breached', 'pending')),
    first_contact_minutes integer,
    closed_at timestamptz,
    -- Whole hours from intake to closure.
    closure_hours integer,
    -- Steps and referrals answered within their time frame, and past it.
    steps_met integer not null default 0,
    steps_breached integer not null default 0,
    -- Now: a clock of the case past its time (the checker records the breach within seconds of it), an alarm open.
    overdue boolean not null default false,
    alarmed boolean not null default false
  )`,
  sql`create index case_report_day_idx on case_report(received_day, received_at, case_id)`,
  sql`create index case_report_province_idx on case_report(province_code, received_day)`,
  sql`create index case_report_district_idx on case_report(district_code, received_day)`,
  sql`create index case_report_ministry_idx on case_report(ministry_id, received_day)`,
  sql`create index case_report_unit_idx on case_report(unit_id, received_day)`,
  sql`create index case_report_agency_idx on case_report(agency_id, received_day)`,
  sql`create index case_report_problem_idx on case_report(problem_code, received_day)`,
  sql`create index case_report_overdue_idx on case_report(received_day) where overdue`,
  sql`create index case_report_alarmed_idx on case_report(received_day) where alarmed`,

  sql.raw(`create table case_report_month (
    month date not null,
    province_code char(2),
    ministry_id uuid,
    problem_code text,
    channel text not null,
    status text not null,
    ${MEASURE_COLUMNS},
    unique nulls not distinct (${KEY})
  )`),
  // Covering, one per column a filter or a scope narrows by: a combined question reads only its own rows, from the index.
  ...['ministry_id', 'province_code', 'problem_code', 'channel'].map((column) =>
    sql.raw(`create index case_report_month_${column}_idx on case_report_month(${column}, month)
      include (${KEY.split(', ')
        .filter((key) => key !== column && key !== 'month')
        .join(', ')}, ${MEASURES})`),
  ),
  sql`create index case_report_month_empty_idx on case_report_month(month) where cases = 0`,

  sql.raw(`create table report_marginal (
    month date not null,
    -- 'nation', 'ministry:<id>', 'province:<code>', 'problem:<code>', 'channel:<channel>'
    scope text not null,
    -- 'total', 'problem', 'channel', 'status', 'ministry', 'province'; key '' for the total, 'none' for no value
    dim text not null,
    key text not null,
    ${MEASURE_COLUMNS},
    -- Covering: a scope's months are read from the index alone, not from pages all over the table.
    primary key (scope, month, dim, key) include (${MEASURES})
  )`),
  sql`create index report_marginal_empty_idx on report_marginal(month) where cases = 0`,

  sql`create table report_duration (
    month date not null,
    scope text not null,
    -- first_contact: minutes from intake to the first contact; closure: whole hours from intake to closure
    kind text not null check (kind in ('first_contact', 'closure')),
    value integer not null,
    n integer not null,
    primary key (scope, kind, month, value) include (n)
  )`,
  sql`create index report_duration_empty_idx on report_duration(month) where n = 0`,

  sql.raw(`create table case_report_delta (
    id bigint generated always as identity primary key,
    month date not null,
    province_code char(2),
    ministry_id uuid,
    problem_code text,
    channel text not null,
    status text not null,
    first_contact_minutes integer,
    closure_hours integer,
    ${MEASURES.split(', ')
      .map((column) => `${column} integer not null`)
      .join(', ')}
  )`),

  // Contacts by month, channel and outcome, per scope of the unit that took them ('nation', 'ministry:…', 'province:…').
  sql`create table contact_report (
    month date not null,
    scope text not null,
    channel text not null,
    outcome text not null,
    n integer not null,
    primary key (scope, month, channel, outcome) include (n)
  )`,
  sql`create index contact_report_empty_idx on contact_report(month) where n = 0`,
  sql`create table contact_report_delta (
    id bigint generated always as identity primary key,
    month date not null,
    province_code char(2),
    ministry_id uuid,
    channel text not null,
    outcome text not null,
    n integer not null
  )`,
  sql`create index intake_contact_unit_idx on intake_contact(receiving_unit_id, received_at)`,

  // "Overdue now" and "open alarms" are read live, from the open rows only.
  sql`create index deadline_due_unmarked_idx on deadline(due_at) where status = 'open' and result is null`,
  sql`create index alarm_open_case_idx on alarm(case_id) where resolved_at is null`,
  // Contacts by period, channel and outcome without touching the protected columns.
  sql`create index intake_contact_report_idx on intake_contact(received_at) include (channel, outcome, receiving_unit_id)`,

  // One case row's part of the sums, added (sign 1) or taken away (-1).
  sql.raw(`create function case_report_emit(r case_report, sign integer) returns void language plpgsql as $fn$
begin
  insert into case_report_delta (${KEY}, first_contact_minutes, closure_hours, ${MEASURES})
  values (r.month, r.province_code, r.ministry_id, r.problem_code, r.channel, r.status,
          case when r.first_contact in ('met', 'breached') then r.first_contact_minutes end, r.closure_hours,
          sign, sign * r.crisis::int, sign * (r.status = 'closed')::int,
          sign * coalesce((r.first_contact = 'met')::int, 0), sign * coalesce((r.first_contact = 'breached')::int, 0),
          sign * coalesce((r.first_contact = 'pending')::int, 0), sign * r.steps_met, sign * r.steps_breached,
          sign * r.overdue::int, sign * r.alarmed::int);
end
$fn$`),

  /**
   * Recomputes one case's report row from its own rows and appends the
   * difference to the months' deltas. Locks the row first, so of two
   * transactions refreshing the same case the second reads what the first
   * committed (each statement of a function sees the latest commit).
   */
  sql.raw(`create function case_report_refresh(p_case uuid) returns void language plpgsql as $fn$
declare
  o case_report%rowtype;
  n case_report%rowtype;
  had_old boolean;
begin
  -- One refresh of a case at a time (also before its first row exists); the lock lasts until commit.
  perform pg_advisory_xact_lock(hashtextextended(p_case::text, 7));
  select * into o from case_report where case_id = p_case;
  had_old := found;

  select c.id, c.created_at,
         (c.created_at at time zone 'Asia/Bangkok')::date,
         date_trunc('month', c.created_at at time zone 'Asia/Bangkok')::date,
         c.province_code, c.district_code, c.responsible_unit_id, u.agency_id, a.root_id,
         c.primary_problem_code, c.channel, c.status, c.crisis
    into n.case_id, n.received_at, n.received_day, n.month, n.province_code, n.district_code, n.unit_id,
         n.agency_id, n.ministry_id, n.problem_code, n.channel, n.status, n.crisis
    from case_file c
    left join unit u on u.id = c.responsible_unit_id
    left join agency a on a.id = u.agency_id
   where c.id = p_case;

  if not found then
    -- The case is gone: its row goes too, and the delete trigger takes it out of the months.
    delete from case_report where case_id = p_case;
    return;
  end if;

  select case when d.result is not null then d.result when d.status = 'open' then 'pending' end,
         case when d.status = 'met' then floor(extract(epoch from d.closed_at - d.started_at) / 60)::int end
    into n.first_contact, n.first_contact_minutes
    from deadline d
   where d.case_id = p_case and d.kind = 'first_contact' and (d.status <> 'cancelled' or d.result is not null)
   order by d.seq desc limit 1;

  select coalesce(count(*) filter (where d.result = 'met'), 0), coalesce(count(*) filter (where d.result = 'breached'), 0)
    into n.steps_met, n.steps_breached
    from deadline d
   where d.case_id = p_case and d.kind in ('step', 'referral') and d.result is not null;

  n.overdue := exists (select 1 from deadline d where d.case_id = p_case and d.status = 'open' and d.result = 'breached');
  n.alarmed := exists (select 1 from alarm a where a.case_id = p_case and a.resolved_at is null);

  if n.status = 'closed' then
    select max(t.at) into n.closed_at from case_transition t where t.case_id = p_case and t.to_status = 'closed';
    n.closure_hours := floor(extract(epoch from n.closed_at - n.received_at) / 3600)::int;
  end if;

  if had_old and o is not distinct from n then
    return;
  end if;

  insert into case_report values (n.*)
  on conflict (case_id) do update set
    received_at = excluded.received_at, received_day = excluded.received_day, month = excluded.month,
    province_code = excluded.province_code, district_code = excluded.district_code, unit_id = excluded.unit_id,
    agency_id = excluded.agency_id, ministry_id = excluded.ministry_id, problem_code = excluded.problem_code,
    channel = excluded.channel, status = excluded.status, crisis = excluded.crisis,
    first_contact = excluded.first_contact, first_contact_minutes = excluded.first_contact_minutes,
    closed_at = excluded.closed_at, closure_hours = excluded.closure_hours,
    steps_met = excluded.steps_met, steps_breached = excluded.steps_breached,
    overdue = excluded.overdue, alarmed = excluded.alarmed;

  if had_old then
    perform case_report_emit(o, -1);
  end if;
  perform case_report_emit(n, 1);
end
$fn$`),

  // Folds the deltas into the sums, one folder at a time; returns how many deltas it folded.
  sql.raw(`create function fold_case_report_deltas() returns integer language plpgsql as $fn$
declare
  folded integer;
begin
  if not pg_try_advisory_xact_lock(hashtextextended('case_report_fold', 7)) then
    return 0;
  end if;
  -- One statement: every sum takes the same deltas (a data-modifying WITH runs to completion, read or not).
  with moved as (
    delete from case_report_delta returning *
  ), months as (
    insert into case_report_month (${KEY}, ${MEASURES})
    select ${KEY}, ${SUM_MEASURES} from moved group by ${KEY}
    on conflict (${KEY}) do update set ${ADD_MEASURES('case_report_month')}
  ), marginals as (
    insert into report_marginal (month, scope, dim, key, ${MEASURES})
    select s.month, sc.scope, d.dim, d.key, ${SUM_MEASURES.replaceAll('sum(', 'sum(s.')}
    from moved s cross join lateral ${SCOPES} cross join lateral ${DIMENSIONS}
    where sc.scope is not null
    group by s.month, sc.scope, d.dim, d.key
    on conflict (scope, month, dim, key) do update set ${ADD_MEASURES('report_marginal')}
  ), durations as (
    insert into report_duration (month, scope, kind, value, n)
    select s.month, sc.scope, k.kind, k.value, sum(s.cases)::int
    from moved s cross join lateral ${SCOPES}
    cross join lateral (values ('first_contact', s.first_contact_minutes), ('closure', s.closure_hours)) k(kind, value)
    where sc.scope is not null and k.value is not null
    group by s.month, sc.scope, k.kind, k.value
    on conflict (scope, kind, month, value) do update set n = report_duration.n + excluded.n
  )
  select count(*) into folded from moved;
  if folded = 0 then
    return 0;
  end if;
  -- A group whose cases all moved elsewhere counts nothing (every figure is counted from its cases).
  delete from case_report_month where cases = 0;
  delete from report_marginal where cases = 0;
  delete from report_duration where n = 0;
  return folded;
end
$fn$`),

  sql`create function fold_contact_report_deltas() returns integer language plpgsql as $fn$
declare
  folded integer;
begin
  if not pg_try_advisory_xact_lock(hashtextextended('contact_report_fold', 7)) then
    return 0;
  end if;
  with moved as (delete from contact_report_delta returning *),
  applied as (
    insert into contact_report (month, scope, channel, outcome, n)
    select s.month, sc.scope, s.channel, s.outcome, sum(s.n)::int
    from moved s cross join lateral (values ('nation'), ('ministry:' || s.ministry_id), ('province:' || s.province_code)) sc(scope)
    where sc.scope is not null
    group by s.month, sc.scope, s.channel, s.outcome
    on conflict (scope, month, channel, outcome) do update set n = contact_report.n + excluded.n
  )
  select count(*) into folded from moved;
  delete from contact_report where n = 0;
  return folded;
end
$fn$`,

  /**
   * Deferred to the commit: by then all of the transaction's changes are
   * there, so the first refresh of a case sees its final state and later
   * ones in the same commit (one per changed row) are skipped — the cases
   * refreshed are kept in a setting that lasts until the transaction ends.
   */
  sql`create function case_report_touch(p_case uuid) returns void language plpgsql as $fn$
declare
  done text := coalesce(current_setting('oscc.report_refreshed', true), '');
begin
  if p_case is null or strpos(done, p_case::text) > 0 then
    return;
  end if;
  perform set_config('oscc.report_refreshed', done || p_case::text || ',', true);
  perform case_report_refresh(p_case);
end
$fn$`,
  sql`create function case_report_on_case() returns trigger language plpgsql as $fn$
begin
  perform case_report_touch(new.id);
  return null;
end
$fn$`,
  sql`create function case_report_on_case_child() returns trigger language plpgsql as $fn$
begin
  perform case_report_touch(new.case_id);
  return null;
end
$fn$`,
  sql`create function case_report_on_unit() returns trigger language plpgsql as $fn$
begin
  perform case_report_touch(c.id) from case_file c where c.responsible_unit_id = new.id;
  return null;
end
$fn$`,
  sql`create function case_report_on_agency() returns trigger language plpgsql as $fn$
begin
  perform case_report_touch(c.id) from case_file c join unit u on u.id = c.responsible_unit_id
    where u.agency_id = new.id;
  return null;
end
$fn$`,
  sql`create function case_report_on_delete() returns trigger language plpgsql as $fn$
begin
  perform case_report_emit(old, -1);
  return null;
end
$fn$`,

  // A contact's part of the contact sums: by the Bangkok month, and the unit that took it.
  sql`create function contact_report_emit(c intake_contact, sign integer) returns void language plpgsql as $fn$
begin
  insert into contact_report_delta (month, province_code, ministry_id, channel, outcome, n)
  select date_trunc('month', c.received_at at time zone 'Asia/Bangkok')::date, u.province_code, a.root_id,
         c.channel, c.outcome, sign
  from (select 1) one left join unit u on u.id = c.receiving_unit_id left join agency a on a.id = u.agency_id;
end
$fn$`,
  sql`create function contact_report_on_change() returns trigger language plpgsql as $fn$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform contact_report_emit(old, -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform contact_report_emit(new, 1);
  end if;
  return null;
end
$fn$`,
  sql`create trigger contact_report_insert after insert or delete on intake_contact
    for each row execute function contact_report_on_change()`,
  sql`create trigger contact_report_update after update on intake_contact
    for each row when (old.outcome is distinct from new.outcome or old.channel is distinct from new.channel
      or old.received_at is distinct from new.received_at or old.receiving_unit_id is distinct from new.receiving_unit_id)
    execute function contact_report_on_change()`,

  sql`create constraint trigger case_report_case_insert after insert on case_file
    deferrable initially deferred for each row execute function case_report_on_case()`,
  sql`create constraint trigger case_report_case_update after update on case_file
    deferrable initially deferred for each row
    when (old.status is distinct from new.status
      or old.responsible_unit_id is distinct from new.responsible_unit_id
      or old.province_code is distinct from new.province_code
      or old.district_code is distinct from new.district_code
      or old.primary_problem_code is distinct from new.primary_problem_code
      or old.channel is distinct from new.channel
      or old.crisis is distinct from new.crisis
      or old.created_at is distinct from new.created_at)
    execute function case_report_on_case()`,
  sql`create constraint trigger case_report_deadline_insert after insert on deadline
    deferrable initially deferred for each row execute function case_report_on_case_child()`,
  sql`create constraint trigger case_report_deadline_update after update on deadline
    deferrable initially deferred for each row
    when (old.status is distinct from new.status or old.result is distinct from new.result
      or old.closed_at is distinct from new.closed_at)
    execute function case_report_on_case_child()`,
  sql`create constraint trigger case_report_alarm_insert after insert on alarm
    deferrable initially deferred for each row execute function case_report_on_case_child()`,
  sql`create constraint trigger case_report_alarm_update after update on alarm
    deferrable initially deferred for each row when (old.resolved_at is distinct from new.resolved_at)
    execute function case_report_on_case_child()`,
  sql`create constraint trigger case_report_transition after insert on case_transition
    deferrable initially deferred for each row when (new.to_status = 'closed')
    execute function case_report_on_case_child()`,
  sql`create constraint trigger case_report_unit after update on unit
    deferrable initially deferred for each row when (old.agency_id is distinct from new.agency_id)
    execute function case_report_on_unit()`,
  sql`create constraint trigger case_report_agency after update on agency
    deferrable initially deferred for each row when (old.root_id is distinct from new.root_id)
    execute function case_report_on_agency()`,
  sql`create trigger case_report_delete after delete on case_report
    for each row execute function case_report_on_delete()`,

  // Executives' standing orders for a report by e-mail.
  sql`create table report_subscription (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references app_user(id),
    kind text not null check (kind in ('dashboard', 'monthly', 'service', 'compliance')),
    frequency text not null check (frequency in ('daily', 'weekly')),
    weekday smallint check (weekday between 1 and 7),
    format text not null check (format in ('xlsx', 'csv', 'pdf')),
    language text not null check (language in ('th', 'en')),
    filter jsonb not null,
    created_at timestamptz not null,
    last_sent_at timestamptz,
    -- The Bangkok day of the last sending: one e-mail per subscription and day, however often the job runs.
    last_sent_day date,
    check ((frequency = 'weekly') = (weekday is not null))
  )`,
  sql`create index report_subscription_user_idx on report_subscription(user_id)`,

  // Files attached to an outgoing e-mail (a scheduled report), sent with it by the outbox.
  sql`create table outbound_email_attachment (
    email_id uuid not null references outbound_email(id) on delete cascade,
    position smallint not null,
    file_name text not null,
    content_type text not null,
    content bytea not null,
    primary key (email_id, position)
  )`,

  // The cases and contacts there are already.
  sql`select case_report_refresh(id) from case_file`,
  sql`select fold_case_report_deltas()`,
  sql`select contact_report_emit(c, 1) from intake_contact c`,
  sql`select fold_contact_report_deltas()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
