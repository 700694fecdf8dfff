/**
 * Reports benchmark: the dashboard and a filtered case list over a national
 * data set — by default 1,000,000 cases (BENCH_CASES) received over three
 * years at 21,553 units' worth of load spread over every province and
 * ministry, with 1.5 contacts that became no case per case, and the open
 * cases' clocks (some overdue, some with open alarms).
 *
 *   baseline   a bare indexed read through the same HTTP stack (`/api/reports/cases` for one day's cases, page 1)
 *   dashboard  `/api/reports/dashboard` for the central desk (nationwide), a ministry executive, a province
 *              coordinator, a unit head, and nationwide with filters; the target is p95 ≤ 300 ms
 *   case list  `/api/reports/cases` — the cases behind a figure, filtered; the target is p95 ≤ 50 ms
 *
 * The generator writes cases, contacts and clocks in bulk SQL and the report rows and monthly sums from
 * them in bulk (what the database's triggers keep one case at a time; their exactness is proven by
 * server/test/reports.api.test.ts), then VACUUM ANALYZE.
 *
 * Engine: PostgreSQL when DATABASE_URL is set (the target engine), else PGlite in memory (default 100,000 cases).
 * Results: printed, and written to bench/results/reports-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createTestApp, signIn } from '../server/test/harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const CASES = Number(process.env.BENCH_CASES ?? (engine === 'postgres' ? 1_000_000 : 100_000));
const UNITS = Number(process.env.BENCH_UNITS ?? 21_553);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const MONTHS = 36;

const t = await createTestApp({ demo: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
const db = t.database.db;
const now = t.clock.now();
const started = performance.now();
const step = (label: string) => console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s  ${label}`);

console.log(`\nReports benchmark on ${engine}: generating ${CASES.toLocaleString('en')} cases\n`);

// Units across every province under the nine ministries' departments, like the national network.
const departments = await db.selectFrom('agency').select(['id']).where('parent_id', 'is not', null).execute();
await sql`
  insert into unit (agency_id, code, type, name_th, province_code, open_24_hours, search_text)
  select (${departments.map((d) => d.id)}::uuid[])[1 + (g % ${departments.length}::int)],
         'BENCH-' || g, 'hospital_crisis_centre', 'หน่วยงานทดสอบ ' || g,
         (select code from geo_province order by code offset (g % 77) limit 1), g % 3 = 0, 'bench' || g
  from generate_series(1, ${UNITS}::int) g`.execute(db);
step(`${UNITS.toLocaleString('en')} units`);

// Problems and channels as skewed as the hotline's: most calls are about violence and poverty, most come by phone.
const problems = [
  'domestic_violence',
  'domestic_violence',
  'domestic_violence',
  'violence',
  'violence',
  'poverty',
  'poverty',
  'elderly',
  'elderly',
  'disability',
  'homelessness',
  'children_youth',
  'teen_pregnancy',
  'human_trafficking',
  'mental_health',
  'missing_person',
  'drugs',
  'begging',
  'child_labour',
  'online_abuse',
  'other',
];
const channels = [
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'hotline',
  'walk_in',
  'walk_in',
  'web',
  'mobile_app',
  'line',
  'line',
  'facebook',
  'international',
];
const version = await db
  .selectFrom('procedure_version')
  .select('id')
  .where('status', '=', 'active')
  .executeTakeFirstOrThrow();
const CHUNK = 100_000;

// Triggers off while loading (the report rows are written in bulk below), as a restore would.
// (One connection: the setting is the session's.)
await db.connection().execute(async (conn) => {
  await sql`set session_replication_role = replica`.execute(conn);
  for (let from = 0; from < CASES; from += CHUNK) {
    const to = Math.min(CASES, from + CHUNK) - 1;
    await sql`
      with g as (
        select n, hashtext('c' || n) as h,
               ${now}::timestamptz - (power(random(), 1.3) * ${MONTHS * 30.4}::float8) * interval '1 day' as at
        from generate_series(${from}::int, ${to}::int) n
      ), u as (
        select n, h, at, (select id from unit where code = 'BENCH-' || (1 + abs(h) % ${UNITS}::int)) as unit_id from g
      )
      insert into case_file (id, case_number, year_be, status, channel, crisis, severity, province_code,
        narrative_protected, reporter_relation, responsible_unit_id, routing, created_at, updated_at,
        procedure_version_id, primary_problem_code, screened_at)
      select gen_random_uuid(), 'B' || lpad(n::text, 8, '0'), 2569,
        case when at < ${now}::timestamptz - interval '60 days'
           then case when abs(h / 7) % 100 < 97 then 'closed' when abs(h / 7) % 2 = 0 then 'pending_closure' else 'in_progress' end
             else (array['triage','new','referred','in_progress','in_progress','pending_closure','closed'])[1 + abs(h / 7) % 7] end,
        (${channels}::text[])[1 + abs(h / 11) % ${channels.length}::int],
        abs(h / 13) % 10 = 0, 1 + abs(h / 17) % 4,
        (select province_code from unit where id = u.unit_id),
        'bench', 'self', u.unit_id, '{}'::jsonb, at, at, ${version.id}::uuid,
        (${problems}::text[])[1 + abs(h / 19) % ${problems.length}::int], at
      from u`.execute(conn);
    step(`cases ${(to + 1).toLocaleString('en')}`);
  }
  // Contacts: each case's own (walk-ins taken by the unit, the rest by the national centre), and 1.5 per case that
  // became no case — written in the order they came, as they would have been.
  await sql`
    insert into intake_contact (received_at, channel, outcome, case_id, receiving_unit_id)
    select * from (
      select created_at, channel, 'case', id, case when channel = 'walk_in' then responsible_unit_id end
      from case_file where case_number like 'B%'
      union all
      select ${now}::timestamptz - (power(random(), 1.3) * ${MONTHS * 30.4}::float8) * interval '1 day',
        (${channels}::text[])[1 + (n % ${channels.length}::int)],
        (array['advice','advice','information','referred_elsewhere','prank','silent','wrong_number'])[1 + (n / 7) % 7],
        null, null
      from generate_series(1, ${Math.round(CASES * 1.5)}::int) n
    ) c order by 1`.execute(conn);
  step(`${Math.round(CASES * 2.5).toLocaleString('en')} contacts`);
  // The open cases' clocks: each has its first contact or a step running; a third of them are past their time.
  await sql`
    insert into deadline (case_id, alarm, kind, subject, unit_id, clock, started_at, due_at, warn_at, status, result,
      breached_at, level, next_check_at, created_at, updated_at)
    select c.id, 'overdue', 'step', 'step:3', c.responsible_unit_id, '24x7', c.created_at,
      ${now}::timestamptz + ((abs(hashtext(c.id::text)) % 90) - 30) * interval '1 day',
      ${now}::timestamptz + ((abs(hashtext(c.id::text)) % 90) - 40) * interval '1 day', 'open',
      case when abs(hashtext(c.id::text)) % 90 < 30 then 'breached' end,
      case when abs(hashtext(c.id::text)) % 90 < 30 then ${now}::timestamptz end,
      case when abs(hashtext(c.id::text)) % 90 < 30 then 1 else -1 end,
      ${now}::timestamptz + interval '1 hour', c.created_at, c.created_at
    from case_file c where c.status not in ('closed', 'merged') and c.case_number like 'B%'`.execute(conn);
  await sql`
    insert into alarm (deadline_id, case_id, level, kind, raised_at, last_raised_at)
    select d.id, d.case_id, 1, 'breach', ${now}, ${now} from deadline d where d.result = 'breached' and d.status = 'open'`.execute(
    conn,
  );
  step('open clocks and alarms');
  // The report rows as the triggers would keep them: first contact and steps for the closed and older cases.
  await sql`
    insert into case_report (case_id, received_at, received_day, month, province_code, district_code, unit_id, agency_id,
      ministry_id, problem_code, channel, status, crisis, first_contact, first_contact_minutes, closed_at, closure_hours,
      steps_met, steps_breached)
    select c.id, c.created_at, (c.created_at at time zone 'Asia/Bangkok')::date,
      date_trunc('month', c.created_at at time zone 'Asia/Bangkok')::date,
      c.province_code, c.district_code, c.responsible_unit_id, u.agency_id, a.root_id, c.primary_problem_code, c.channel,
      c.status, c.crisis, f.first_contact, case when f.first_contact <> 'pending' then f.minutes end,
      case when c.status = 'closed' then c.created_at + (f.minutes * 20) * interval '1 minute' end,
      case when c.status = 'closed' then f.minutes / 3 end,
      abs(hashtext(c.case_number)) % 4, case when abs(hashtext(c.case_number)) % 5 = 0 then 1 else 0 end
    from case_file c
    join unit u on u.id = c.responsible_unit_id join agency a on a.id = u.agency_id
    cross join lateral (select case when c.status in ('triage', 'new') and c.created_at > ${now}::timestamptz - interval '1 day'
                                    then 'pending'
                                    when abs(hashtext(c.id::text)) % 100 < 83 then 'met' else 'breached' end as first_contact,
                               30 + abs(hashtext(c.id::text)) % 2800 as minutes) f
    where c.case_number like 'B%'
  -- In the order they came, as the triggers would have written them: a day's cases lie together.
  order by c.created_at`.execute(conn);
  await sql`update case_report set overdue = true
    where case_id in (select case_id from deadline where status = 'open' and result = 'breached')`.execute(conn);
  await sql`update case_report set alarmed = true
    where case_id in (select case_id from alarm where resolved_at is null)`.execute(conn);
  // The sums through the real fold: one delta per case and contact, folded at once.
  await sql`
    insert into case_report_delta (month, province_code, ministry_id, problem_code, channel, status,
      first_contact_minutes, closure_hours, cases, crisis, closed, reached_met, reached_breached, reached_pending,
      steps_met, steps_breached, overdue, alarmed)
    select month, province_code, ministry_id, problem_code, channel, status,
      case when first_contact in ('met', 'breached') then first_contact_minutes end, closure_hours,
      1, crisis::int, (status = 'closed')::int, coalesce((first_contact = 'met')::int, 0),
      coalesce((first_contact = 'breached')::int, 0), coalesce((first_contact = 'pending')::int, 0), steps_met, steps_breached,
      overdue::int, alarmed::int
    from case_report where case_id in (select id from case_file where case_number like 'B%')`.execute(conn);
  await sql`
    insert into contact_report_delta (month, province_code, ministry_id, channel, outcome, n)
    select date_trunc('month', c.received_at at time zone 'Asia/Bangkok')::date, u.province_code, a.root_id,
      c.channel, c.outcome, 1
    from intake_contact c left join unit u on u.id = c.receiving_unit_id left join agency a on a.id = u.agency_id`.execute(
    conn,
  );
  await sql`select fold_case_report_deltas(), fold_contact_report_deltas()`.execute(conn);
  await sql`set session_replication_role = origin`.execute(conn);
});
for (const table of [
  'case_file',
  'case_report',
  'case_report_month',
  'report_marginal',
  'report_duration',
  'contact_report',
  'case_report_delta',
  'contact_report_delta',
  'intake_contact',
  'deadline',
  'alarm',
  'unit',
])
  await sql.raw(`vacuum analyze ${table}`).execute(db);
const sizes = await sql<{
  cases: number;
  months: number;
  marginal: number;
  durations: number;
  contacts: number;
  open: number;
}>`
  select (select count(*)::int from case_report) as cases, (select count(*)::int from case_report_month) as months,
    (select count(*)::int from report_marginal) as marginal, (select count(*)::int from report_duration) as durations,
    (select count(*)::int from intake_contact) as contacts, (select count(*)::int from deadline where status = 'open') as open`.execute(
  db,
);
const generatedSeconds = (performance.now() - started) / 1000;
step(`report rows and monthly sums; vacuum analyze — ${JSON.stringify(sizes.rows[0])}`);

// Viewers: the central desk, a ministry, a province, a unit head (through a real session and the HTTP stack).
const adminCookie = await signIn(t.app, 'admin@oscc.example');
const executiveCookie = await signIn(t.app, 'executive@oscc.example');
const coordinatorCookie = await signIn(t.app, 'coordinator@oscc.example');
// The unit head heads one of the benchmark's busy units.
const busyUnit = await sql<{ unit_id: string }>`
  select unit_id from case_report where unit_id is not null group by unit_id order by count(*) desc limit 1`.execute(
  db,
);
await db
  .updateTable('user_role')
  .set({ scope_unit_id: busyUnit.rows[0]!.unit_id })
  .where(
    'user_id',
    '=',
    (
      await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'policehead@oscc.example')
        .executeTakeFirstOrThrow()
    ).id,
  )
  .execute();
await db
  .updateTable('app_user')
  .set({ unit_id: busyUnit.rows[0]!.unit_id })
  .where('email', '=', 'policehead@oscc.example')
  .execute();
const headCookie = await signIn(t.app, 'policehead@oscc.example');
const ministry = await db.selectFrom('agency').select('id').where('code', '=', 'MSDHS').executeTakeFirstOrThrow();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now);

interface Scenario {
  name: string;
  url: string;
  cookie: string;
  target?: number;
}
const scenarios: Scenario[] = [
  {
    name: 'baseline: one day of cases, page 1',
    url: `/api/reports/cases?from=${today}&to=${today}&limit=25`,
    cookie: adminCookie,
  },
  {
    name: 'dashboard, nationwide (central desk), last 12 months',
    url: '/api/reports/dashboard',
    cookie: adminCookie,
    target: 300,
  },
  { name: 'dashboard, one ministry (executive)', url: '/api/reports/dashboard', cookie: executiveCookie, target: 300 },
  {
    name: 'dashboard, one province (coordinator)',
    url: '/api/reports/dashboard',
    cookie: coordinatorCookie,
    target: 300,
  },
  { name: 'dashboard, one unit (unit head)', url: '/api/reports/dashboard', cookie: headCookie, target: 300 },
  {
    name: 'dashboard, nationwide, problem + channel filter',
    url: '/api/reports/dashboard?problem=domestic_violence&channel=hotline',
    cookie: adminCookie,
    target: 300,
  },
  {
    name: 'dashboard, nationwide, a ministry and a province',
    url: `/api/reports/dashboard?agencyId=${ministry.id}&provinceCode=10`,
    cookie: adminCookie,
    target: 300,
  },
  {
    name: 'dashboard, nationwide, three years',
    url: `/api/reports/dashboard?from=${new Date(now.getTime() - MONTHS * 30.4 * 86_400_000).toISOString().slice(0, 10)}&to=${today}`,
    cookie: adminCookie,
    target: 300,
  },
  {
    name: 'case list: the period’s cases, page 1',
    url: '/api/reports/cases?limit=25',
    cookie: adminCookie,
    target: 50,
  },
  {
    name: 'case list: a province, reached after 24 h',
    url: '/api/reports/cases?provinceCode=10&measure=reached_breached&limit=25',
    cookie: adminCookie,
    target: 50,
  },
  {
    name: 'case list: a problem and a channel, page 3',
    url: '/api/reports/cases?problem=human_trafficking&channel=line&limit=25&offset=50',
    cookie: adminCookie,
    target: 50,
  },
  {
    name: 'case list: overdue now, nationwide',
    url: '/api/reports/cases?measure=overdue_now&limit=25',
    cookie: adminCookie,
    target: 50,
  },
  {
    name: 'case list: one month of a ministry',
    url: `/api/reports/cases?agencyId=${ministry.id}&month=${today.slice(0, 7)}&limit=25`,
    cookie: adminCookie,
    target: 50,
  },
  {
    name: 'case list: the unit head’s late steps',
    url: '/api/reports/cases?measure=steps_breached&limit=25',
    cookie: headCookie,
    target: 50,
  },
  {
    name: 'case list: a province coordinator’s crisis cases',
    url: '/api/reports/cases?measure=crisis&limit=25',
    cookie: coordinatorCookie,
    target: 50,
  },
];

async function run(scenario: Scenario) {
  const headers = { cookie: scenario.cookie };
  for (let i = 0; i < 3; i += 1) {
    const response = await t.app.inject({ url: scenario.url, headers });
    if (response.statusCode !== 200) throw new Error(`${scenario.url}: ${response.statusCode} ${response.body}`);
  }
  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const before = performance.now();
    await t.app.inject({ url: scenario.url, headers });
    latencies.push(performance.now() - before);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const probe = (await t.app.inject({ url: scenario.url, headers })).json() as {
    total?: number;
    totals?: { cases: number };
  };
  return {
    name: scenario.name,
    url: scenario.url,
    p50Ms: Number(at(0.5).toFixed(1)),
    p95Ms: Number(at(0.95).toFixed(1)),
    maxMs: Number(latencies.at(-1)!.toFixed(1)),
    cases: probe.totals?.cases ?? probe.total ?? null,
    targetMs: scenario.target ?? null,
  };
}

const results = [];
for (const scenario of scenarios) results.push(await run(scenario));
const baseline = results[0]!.p50Ms;
console.log(
  `\n${'path'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'×base'.padStart(7)} ${'target'.padStart(7)} cases`,
);
for (const result of results)
  console.log(
    `${result.name.padEnd(58)} ${result.p50Ms.toFixed(1).padStart(8)} ${result.p95Ms.toFixed(1).padStart(8)} ${(result.p50Ms / baseline).toFixed(1).padStart(7)} ${(result.targetMs ? `≤${result.targetMs}` : '').padStart(7)} ${result.cases ?? ''}${result.targetMs && result.p95Ms > result.targetMs ? '  ← over target' : ''}`,
  );

// The plans of the two paths that matter, kept with the results.
const plan = async (query: string) =>
  (await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers off) ${query}`).execute(db)).rows
    .map((row) => row['QUERY PLAN'])
    .join('\n');
const output = {
  engine,
  generatedAt: new Date().toISOString(),
  cases: CASES,
  units: UNITS,
  sizes: sizes.rows[0],
  generationSeconds: Math.round(generatedSeconds),
  runsPerPath: RUNS,
  results: results.map((result) => ({ ...result, ratioToBaseline: Number((result.p50Ms / baseline).toFixed(2)) })),
  plans: {
    sumsPerScope: await plan(
      `select month, dim, key, sum(cases) from report_marginal where scope = 'nation' and month between '${today.slice(0, 8)}01'::date - interval '11 months' and '${today.slice(0, 8)}01'::date group by month, dim, key`,
    ),
    caseList: await plan(
      `select case_id from case_report r where r.province_code = '10' and r.first_contact = 'breached' and r.received_day between '${today.slice(0, 8)}01'::date - interval '11 months' and '${today}'::date order by received_at desc limit 25`,
    ),
  },
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', `reports-${engine}.json`), `${JSON.stringify(output, null, 2)}\n`);
console.log(`\nwritten to bench/results/reports-${engine}.json`);
// BENCH_KEEP=1 leaves the PostgreSQL database behind, to look at its plans.
if (process.env.BENCH_KEEP) {
  console.log(`kept: ${(await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]!.name}`);
  process.exit(0);
}
await t.close();
