/**
 * Intake benchmark: how many contacts a second the hotline's API takes, against the same work done bare.
 *
 *   baseline   a bare Fastify route (no plugins, no access control) validating the same request body with the same
 *              zod schema and inserting one row with it (jsonb) into a table of its own, on the same database — the
 *              issue's own example of a bare baseline
 *   same rows  the same bare route writing the rows a hotline case is made of (case, problem type, transition, person,
 *              deadline, audit event, contact — numbered from the same sequence) in one transaction, as plain inserts:
 *              no sign-in, no checks, no routing, no encryption — the same work done bare, which the target compares with
 *   hotline    POST /api/intake/contacts as a signed-in call taker: a contact that becomes a case (validation,
 *              access, CSRF, routing, the case and its people encrypted, its deadlines, the audit event, the
 *              report triggers) — the whole product path
 *   public     POST /api/public/reports: the public web form (a case, its contact, its tracking code and keyed-hash PIN)
 *
 * Each path runs for BENCH_DURATION_MS (default 5,000) with BENCH_CONCURRENCY requests in flight (default 4), after a
 * warm-up; throughput is compared with the baseline's (the issue's target: at least half).
 * Engine: PGlite in memory, or PostgreSQL when DATABASE_URL is set.
 * Results: printed, and written to bench/results/intake-<engine>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordContactRequest } from '@oscc/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { createTestApp, signIn } from '../server/test/harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const t = await createTestApp({ demo: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
const db = t.database.db;
const engine = t.database.engine;

await sql`create table if not exists bench_bare_intake (
  id uuid primary key default gen_random_uuid(), body jsonb not null, created_at timestamptz not null default now())`.execute(
  db,
);
const bare = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
bare.setValidatorCompiler(validatorCompiler);
bare.setSerializerCompiler(serializerCompiler);
bare.post('/bare', { schema: { body: RecordContactRequest } }, async (request, reply) => {
  await sql`insert into bench_bare_intake (body) values (${JSON.stringify(request.body)}::jsonb)`.execute(db);
  return reply.code(201).send({ ok: true });
});
/** The rows of a hotline case, written bare in one transaction: what the product does minus everything around it. */
bare.post('/bare-case', { schema: { body: RecordContactRequest } }, async (request, reply) => {
  const body = request.body;
  const kase = body.case!;
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_file')
      .values({
        case_number: sql<string>`next_case_number(2569)`,
        year_be: 2569,
        status: 'new',
        channel: body.channel,
        crisis: kase.crisis,
        severity: kase.severity,
        province_code: kase.location.areaCode.slice(0, 2),
        district_code: kase.location.areaCode.slice(0, 4),
        subdistrict_code: kase.location.areaCode,
        address_protected: kase.location.address ?? null,
        narrative_protected: kase.narrative,
        reporter_anonymous: kase.reporter.anonymous,
        reporter_relation: kase.reporter.relation,
        routing: '{}',
        primary_problem_code: kase.problemTypes[0]!,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_problem_type')
      .values(kase.problemTypes.map((problem) => ({ case_id: row.id, problem_type_code: problem })))
      .execute();
    await trx
      .insertInto('case_transition')
      .values({ case_id: row.id, from_status: null, to_status: 'new', at: now })
      .execute();
    await trx
      .insertInto('case_person')
      .values(
        kase.people.map((person) => ({
          case_id: row.id,
          role: person.role,
          name_protected: person.name ?? null,
          id_type: person.idType,
          sex: person.sex,
          disability: person.disability,
          phone_protected: person.phone ?? null,
        })),
      )
      .execute();
    await trx
      .insertInto('deadline')
      .values({
        case_id: row.id,
        alarm: 'no_service',
        kind: 'first_contact',
        subject: 'first_contact',
        clock: '24x7',
        started_at: now,
        due_at: new Date(now.getTime() + 86_400_000),
        warn_at: new Date(now.getTime() + 64_800_000),
        next_check_at: new Date(now.getTime() + 64_800_000),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('audit_event')
      .values({ at: now, action: 'case.create', entity_type: 'case', entity_id: row.id, after_state: '{}' })
      .execute();
    await trx
      .insertInto('intake_contact')
      .values({ received_at: now, channel: body.channel, outcome: 'case', case_id: row.id })
      .execute();
  });
  return reply.code(201).send({ ok: true });
});
await bare.ready();

let serial = 0;
const contact = () => {
  serial += 1;
  const phone = `08${String(10_000_000 + (serial % 89_999_999)).padStart(8, '0')}`;
  return {
    channel: 'hotline',
    callerPhone: phone,
    outcome: 'case',
    case: {
      problemTypes: ['domestic_violence'],
      location: { areaCode: '700101', address: `บ้านเลขที่ ${serial} หมู่ 2` },
      narrative: `ผู้แจ้งเล่าว่าผู้เสียหายรายที่ ${serial} ถูกทำร้ายร่างกายที่บ้าน`,
      people: [{ role: 'victim', name: `ผู้เสียหาย ทดสอบ${serial}`, idType: 'none', sex: 'female', phone }],
    },
  };
};
const publicReport = () => {
  serial += 1;
  return {
    problemTypes: ['domestic_violence'],
    location: { areaCode: '700101' },
    narrative: `มีเสียงทะเลาะและทำร้ายกันที่บ้านหลังที่ ${serial}`,
    reporter: { anonymous: true, relation: 'neighbour' },
    consent: true,
  };
};

const cookie = await signIn(t.app, 'calltaker@oscc.example');

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  ratioToBaseline: number;
  /** CPU time this process (the API, or the bare route) spent per request, in ms — the database's is not in it. */
  nodeCpuMsPerRequest: number;
  /** Throughput against the same rows written bare (the target: at least 0.5). */
  ratioToSameRows?: number;
}

/** Keeps `CONCURRENCY` requests in flight for `DURATION_MS`; every answer must be 201. */
async function run(
  name: string,
  app: FastifyInstance,
  send: () => { url: string; payload: object; headers?: Record<string, string>; remoteAddress?: string },
  baseline: number | null,
): Promise<Result> {
  const once = async () => {
    const request = send();
    const before = performance.now();
    const response = await app.inject({ method: 'POST', ...request });
    if (response.statusCode !== 201) throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return performance.now() - before;
  };
  for (let i = 0; i < 20; i += 1) await once(); // warm-up
  const cpuBefore = process.cpuUsage();
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() - start < DURATION_MS) latencies.push(await once());
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const perSecond = latencies.length / seconds;
  return {
    name,
    requests: latencies.length,
    perSecond,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    ratioToBaseline: baseline === null ? 1 : perSecond / baseline,
    nodeCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / latencies.length,
  };
}

const baseline = await run('bare insert (baseline)', bare, () => ({ url: '/bare', payload: contact() }), null);
const sameRows = await run(
  'same rows bare',
  bare,
  () => ({ url: '/bare-case', payload: contact() }),
  baseline.perSecond,
);
const hotline = await run(
  'hotline case',
  t.app,
  () => ({ url: '/api/intake/contacts', payload: contact(), headers: { cookie } }),
  baseline.perSecond,
);
let address = 0;
/** Each report from its own address: the form's limit is per address (20 an hour). */
const nextAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};
const web = await run(
  'public web report',
  t.app,
  () => ({ url: '/api/public/reports', payload: publicReport(), remoteAddress: nextAddress() }),
  baseline.perSecond,
);
const results = [baseline, sameRows, hotline, web];

for (const r of [hotline, web]) r.ratioToSameRows = r.perSecond / sameRows.perSecond;

console.log(`\nIntake benchmark on ${engine}, ${CONCURRENCY} in flight, ${DURATION_MS / 1000} s each\n`);
console.log(
  '  case                       req/s     p50 ms   p95 ms   CPU ms/req   vs 1-row insert   vs same rows bare',
);
for (const r of results)
  console.log(
    `  ${r.name.padEnd(24)} ${r.perSecond.toFixed(0).padStart(7)}  ${r.p50Ms.toFixed(2).padStart(7)}  ${r.p95Ms.toFixed(2).padStart(7)}   ${r.nodeCpuMsPerRequest.toFixed(2).padStart(10)}   ${(r.ratioToBaseline * 100).toFixed(1).padStart(12)} %   ${r.ratioToSameRows === undefined ? '' : `${(r.ratioToSameRows * 100).toFixed(1).padStart(14)} %`}`,
  );
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
const out = path.join(here, 'results', `intake-${engine}.json`);
fs.writeFileSync(
  out,
  JSON.stringify(
    { engine, node: process.version, at: new Date().toISOString(), concurrency: CONCURRENCY, results },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
await bare.close();
await t.close();
