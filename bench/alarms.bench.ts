/**
 * Alarm benchmark: the checker's work grows with the deadlines that are due,
 * not with the ones that are open — and an alarm fires within seconds of its
 * due time with 100,000 open deadlines.
 *
 *   baseline   a checker pass over 1,000 open deadlines (nothing due; then 100 due)
 *   at scale   the same passes over 100,000 open deadlines — the ratio to the baseline is the cost of scale
 *   latency    the real loop (startAlarmRunner, the system clock, 1 s interval) with 100,000 open deadlines:
 *              100 come due two seconds after it starts; how long after its due time each alarm is raised
 *
 * Engine: PGlite in memory, or PostgreSQL when DATABASE_URL is set.
 * Results: printed, and written to bench/results/alarms-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { sql } from 'kysely';
import { checkDueDeadlines, startAlarmRunner } from '../server/src/modules/alarms/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { createTestApp, signIn } from '../server/test/harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const OPEN_AT_SCALE = Number(process.env.BENCH_OPEN_DEADLINES ?? 100_000);
const DUE = 100;
const CASES = 40;

const t = await createTestApp({ demo: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
const db = t.database.db;
const settings = { appUrl: 'https://oscc.test', channels: new Set(['in_app', 'email'] as const) };

// Real cases on real units (a police station, a shelter, a provincial office), so alarms find real people.
const cookie = await signIn(t.app, 'calltaker@oscc.example');
const units = await db
  .selectFrom('unit')
  .select('id')
  .where((eb) =>
    eb.or([eb('code', 'in', ['MSDHS-SHELTER-70', 'MSDHS-PO-70']), eb('name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี')]),
  )
  .execute();
const caseIds: string[] = [];
for (let i = 0; i < CASES; i += 1) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie },
    payload: {
      outcome: 'case',
      case: { problemTypes: ['human_trafficking'], location: { areaCode: '700101' }, narrative: 'เคสทดสอบประสิทธิภาพ' },
    },
  });
  const caseId = created.json().case.id as string;
  await t.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/referrals`,
    headers: { cookie },
    payload: { unitId: units[i % units.length]!.id, kind: 'lead' },
  });
  caseIds.push(caseId);
}

/** Adds `count` open step deadlines spread over the cases, due between `fromMs` and `fromMs + spreadMs` from now. */
async function addDeadlines(count: number, prefix: string, dueInMs: number, spreadMs: number) {
  const now = new Date();
  for (let start = 0; start < count; start += 10_000) {
    const size = Math.min(10_000, count - start);
    await sql`
      insert into deadline (case_id, alarm, kind, subject, step_position, step_code, unit_id, clock,
                            started_at, due_at, warn_at, next_check_at, created_at, updated_at)
      select c.id, 'overdue', 'step', ${prefix} || ':' || g, 3, 'assessment_plan', c.responsible_unit_id, '24x7',
             ${now}, d.due, d.due, d.due, ${now}, ${now}
      from generate_series(${start}::int, ${start + size - 1}::int) g
      cross join lateral (select (${caseIds}::uuid[])[1 + (g % ${CASES}::int)] as case_id) pick
      join case_file c on c.id = pick.case_id
      cross join lateral (select ${now}::timestamptz + (${dueInMs}::bigint + (g % 1000) * ${Math.round(spreadMs / 1000)}::bigint) * interval '1 millisecond' as due) d
    `.execute(db);
  }
}

async function clearDeadlines() {
  await db.deleteFrom('alarm_delivery').execute();
  await db.deleteFrom('alarm').execute();
  await db.deleteFrom('deadline').where('subject', 'like', 'bench%').execute();
  // The cases' own clocks are far from due; they stay.
}

/** A checker pass at `now`: its wall time. */
async function pass(now: Date) {
  const before = performance.now();
  const outcome = await checkDueDeadlines(db, settings, now);
  return { ms: performance.now() - before, ...outcome };
}

interface Row {
  name: string;
  open: number;
  due: number;
  ms: number;
  raised: number;
  ratioToBaseline: number | null;
}
const rows: Row[] = [];
const DAY = 86_400_000;

async function passesAt(open: number, label: string, baseline?: { idle: number; due: number }) {
  await clearDeadlines();
  await addDeadlines(open, 'bench-far', 10 * DAY, 20 * DAY);
  // Warm the plan cache, then an idle pass (nothing due), best of five.
  await pass(new Date());
  let idle = Infinity;
  for (let i = 0; i < 5; i += 1) idle = Math.min(idle, (await pass(new Date())).ms);
  rows.push({
    name: `${label}: pass, nothing due`,
    open,
    due: 0,
    ms: idle,
    raised: 0,
    ratioToBaseline: baseline ? idle / baseline.idle : null,
  });
  await addDeadlines(DUE, 'bench-due', -60_000, 1000);
  const due = await pass(new Date());
  rows.push({
    name: `${label}: pass, ${DUE} due`,
    open: open + DUE,
    due: DUE,
    ms: due.ms,
    raised: due.raised,
    ratioToBaseline: baseline ? due.ms / baseline.due : null,
  });
  return { idle, due: due.ms };
}

const baseline = await passesAt(1000, 'baseline 1,000 open');
await passesAt(OPEN_AT_SCALE, `${OPEN_AT_SCALE.toLocaleString('en')} open`, baseline);
// How the checker finds what is due among them: the plan of its claim.
const plan = await sql<{ 'QUERY PLAN': string }>`
  explain analyze select id from deadline
  where next_check_at <= ${new Date()}
  order by next_check_at limit 100 for update skip locked`.execute(db);
const claimPlan = plan.rows.map((row) => row['QUERY PLAN']);

// The real loop: 100 deadlines come due 2 s after it starts, with OPEN_AT_SCALE others open.
await clearDeadlines();
await addDeadlines(OPEN_AT_SCALE, 'bench-far', 10 * DAY, 20 * DAY);
await addDeadlines(DUE, 'bench-soon', 2000, 1000);
const runner = startAlarmRunner({
  db,
  clock: systemClock,
  // Messages are measured elsewhere: here they are handed to a mailer that drops them.
  senders: { email: { send: async () => undefined, close: () => undefined }, sms: null, line: null },
  appUrl: 'https://oscc.test',
  log: pino({ level: 'silent' }),
  intervalMs: 1000,
  leaseSeconds: 120,
});
const until = Date.now() + 30_000;
let latencies: number[] = [];
while (Date.now() < until) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const raised = await sql<{ lateness_ms: number }>`
    select extract(epoch from (a.raised_at - d.due_at)) * 1000 as lateness_ms
    from alarm a join deadline d on d.id = a.deadline_id
    where d.subject like 'bench-soon%' and a.kind = 'breach'`.execute(db);
  latencies = raised.rows.map((row) => Number(row.lateness_ms)).sort((a, b) => a - b);
  if (latencies.length >= DUE) break;
}
await runner.stop();
await t.close();

const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
const latency = {
  open: OPEN_AT_SCALE + DUE,
  due: DUE,
  raised: latencies.length,
  p50Ms: at(0.5),
  p95Ms: at(0.95),
  maxMs: latencies.at(-1) ?? NaN,
};

const engine = t.database.engine;
console.log(`\nAlarm benchmark on ${engine}\n`);
console.log(
  [
    'case'.padEnd(36) +
      'open'.padStart(9) +
      'due'.padStart(6) +
      'ms'.padStart(10) +
      'raised'.padStart(8) +
      '  × baseline',
    ...rows.map(
      (row) =>
        row.name.padEnd(36) +
        String(row.open).padStart(9) +
        String(row.due).padStart(6) +
        row.ms.toFixed(1).padStart(10) +
        String(row.raised).padStart(8) +
        (row.ratioToBaseline === null ? '  (baseline)' : `  ${row.ratioToBaseline.toFixed(2)}`),
    ),
  ].join('\n'),
);
console.log(
  `\nthe claim of due deadlines among ${OPEN_AT_SCALE.toLocaleString('en')} open:\n  ${claimPlan.join('\n  ')}`,
);
console.log(
  `\nlatency with ${latency.open.toLocaleString('en')} open deadlines, ${DUE} due at once, 1 s loop: ` +
    `${latency.raised}/${DUE} raised; after their due time p50 ${latency.p50Ms.toFixed(0)} ms, ` +
    `p95 ${latency.p95Ms.toFixed(0)} ms, max ${latency.maxMs.toFixed(0)} ms (target: within 5,000 ms)`,
);
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', `alarms-${engine}.json`);
fs.writeFileSync(
  out,
  JSON.stringify(
    { engine, node: process.version, at: new Date().toISOString(), passes: rows, latency, claimPlan },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
