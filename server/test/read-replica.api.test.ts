import type { FastifyInstance } from 'fastify';
import type { Dashboard, ReportCasePage } from '@oscc/contract';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { foldReportDeltas } from '../src/modules/reports/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { resolveFieldKeys } from '../src/platform/crypto/field-keys.ts';
import { createFieldProtector } from '../src/platform/crypto/field-protection.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { CSRF_HEADER, csrfTokenFor } from '../src/platform/http/csrf.ts';
import { startJobQueue, type JobQueue } from '../src/platform/jobs/job-queue.ts';
import { signIn, TEST_FIELD_KEYS } from './harness.ts';
import { canStartPgCluster, runSql, startPgCluster, type PgCluster } from './support/pg-cluster.ts';

/**
 * The reports read from a hot standby (READ_DATABASE_URL) while everything else — writes, the job queue —
 * goes through PgBouncer in transaction mode (DATABASE_URL), and LISTEN and the migration lock connect to the
 * primary directly (DATABASE_DIRECT_URL). A cluster of its own: a primary from initdb, a standby from
 * pg_basebackup -R, PgBouncer in front of the primary. Runs in the PostgreSQL pass (DATABASE_URL set) on a machine
 * with the server binaries and pgbouncer.
 */
const enabled = !!process.env.DATABASE_URL && canStartPgCluster();

let cluster: PgCluster | null = null;
let database: DatabaseHandle | null = null;
let app: FastifyInstance | null = null;
let jobs: JobQueue | null = null;
let config: Config;
const clock = new ManualClock();
const cookies = new Map<string, string>();
const jobRuns: number[] = [];

/** As the web app does: a request with a session carries its CSRF token. */
function sendCsrfTokens(target: FastifyInstance, key: Buffer): void {
  const original = target.inject.bind(target) as (options: unknown) => unknown;
  const patched = (options: unknown) => {
    const request = options as { headers?: Record<string, string> };
    const session = /(?:^|;\s*)oscc_session=([^;]*)/.exec(request.headers?.cookie ?? '')?.[1];
    return original(
      session ? { ...request, headers: { ...request.headers, [CSRF_HEADER]: csrfTokenFor(key, session) } } : options,
    );
  };
  (target as unknown as { inject: typeof patched }).inject = patched;
}

async function as(email: string): Promise<string> {
  let cookie = cookies.get(email);
  if (!cookie) {
    cookie = await signIn(app!, email, undefined, clock);
    cookies.set(email, cookie);
  }
  return cookie;
}

async function get<T>(email: string, url: string): Promise<T> {
  const response = await app!.inject({ url, headers: { cookie: await as(email) } });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.json() as T;
}

async function newCase(): Promise<void> {
  const response = await app!.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie: await as('calltaker@oscc.example') },
    payload: {
      outcome: 'case',
      case: {
        problemTypes: ['domestic_violence'],
        crisis: true,
        location: { areaCode: '700101' },
        narrative: 'ถูกทำร้ายร่างกายโดยสามี',
      },
    },
  });
  expect(response.statusCode, response.body).toBe(201);
}

// Nationwide: every new case is in their reports.
const admin = 'admin@oscc.example';
const casesOnPrimary = async () =>
  Number((await runSql<{ n: string }>(cluster!.primaryUrl, 'select count(*) as n from case_file'))[0]!.n);

describe.skipIf(!enabled)('reports from a read replica, writes through PgBouncer in transaction mode', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    config = loadConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '10000',
      DATABASE_URL: cluster.bouncerUrl,
      DATABASE_DIRECT_URL: cluster.primaryUrl,
      READ_DATABASE_URL: cluster.standbyUrl,
      DATABASE_POOL_SIZE: '4',
      ...TEST_FIELD_KEYS,
    });
    database = await openDatabase(config.database);
    // Migrations (under their lock), roles, geography and the demo's people — all through the pooler.
    await prepareDatabase(database, clock, { demoData: true });
    jobs = await startJobQueue({
      connection: database.jobQueueConnection,
      jobs: [
        {
          name: 'test.fold-through-pooler',
          async handler() {
            jobRuns.push(await foldReportDeltas(database!.db));
            return null;
          },
        },
      ],
      log: pino({ level: 'silent' }),
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    app = await buildApp({ config, database, clock, jobs });
    await app.ready();
    sendCsrfTokens(app, createFieldProtector(resolveFieldKeys(config)).derivedKey('csrf'));
  }, 120_000);

  afterAll(async () => {
    // Each step on its own: whatever failed, every process and the temporary folder go.
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await cluster?.stop();
  }, 60_000);

  it('reads the reports from the standby, and writes through the pooler to the primary', async () => {
    const db = database!;
    expect(db.hasReadReplica).toBe(true);
    const recovery = async (handle: typeof db.db) =>
      (await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(handle)).rows[0]!.standby;
    expect(await recovery(db.readDb)).toBe(true);
    expect(await recovery(db.db)).toBe(false);
    // The app's pool connects to PgBouncer's port, and what answers behind it is the primary.
    expect(config.database.engine === 'postgres' && config.database.url).toBe(cluster!.bouncerUrl);
    const port = async (handle: typeof db.db) =>
      (await sql<{ port: number }>`select inet_server_port() as port`.execute(handle)).rows[0]!.port;
    expect(await port(db.db)).toBe(Number(new URL(cluster!.primaryUrl).port));
    expect(await port(db.readDb)).toBe(Number(new URL(cluster!.standbyUrl).port));

    await newCase();
    await cluster!.caughtUp();
    // Once the standby has replayed the primary's log, the reports it answers have every case the primary has.
    const onPrimary = await casesOnPrimary();
    const before = await vi.waitFor(
      async () => {
        const dashboard = await get<Dashboard>(admin, '/api/reports/dashboard');
        expect(dashboard.totals.cases).toBe(onPrimary);
        return dashboard;
      },
      { timeout: 10_000, interval: 200 },
    );

    // With the standby's replay paused, a new case is on the primary and not yet in the reports: they come from
    // the standby (a report may be as stale as the replica's lag).
    await runSql(cluster!.standbyUrl, 'select pg_wal_replay_pause()');
    try {
      await newCase();
      expect(await casesOnPrimary()).toBe(before.totals.cases + 1);
      const stale = await get<Dashboard>(admin, '/api/reports/dashboard');
      expect(stale.totals.cases).toBe(before.totals.cases);
      const listed = await get<ReportCasePage>(admin, '/api/reports/cases');
      expect(listed.total).toBe(before.totals.cases);
      await get(admin, '/api/reports/monthly');

      // An export reads from the standby and writes its audit record to the primary (the standby could not).
      const exported = await app!.inject({
        url: '/api/reports/dashboard/export?format=csv&language=en',
        headers: { cookie: await as(admin) },
      });
      expect(exported.statusCode, exported.body.slice(0, 300)).toBe(200);
      const audited = await runSql<{ n: string }>(
        cluster!.primaryUrl,
        `select count(*) as n from audit_event where action = 'report.export'`,
      );
      expect(Number(audited[0]!.n)).toBe(1);

      // Subscriptions are writes, and my list of them reads the primary: a new one is there at once.
      const subscribed = await app!.inject({
        method: 'POST',
        url: '/api/report-subscriptions',
        headers: { cookie: await as(admin) },
        payload: { kind: 'dashboard', frequency: 'daily', format: 'csv', language: 'en', filter: {} },
      });
      expect(subscribed.statusCode, subscribed.body).toBe(201);
      const mine = await get<{ items: unknown[] }>(admin, '/api/report-subscriptions');
      expect(mine.items).toHaveLength(1);
    } finally {
      await runSql(cluster!.standbyUrl, 'select pg_wal_replay_resume()');
    }
    await cluster!.caughtUp();
    const after = await get<Dashboard>(admin, '/api/reports/dashboard');
    expect(after.totals.cases).toBe(before.totals.cases + 1);

    // Ready: the primary answers; the replica's state is shown beside it.
    const ready = await app!.inject({ url: '/readyz' });
    expect(ready.statusCode, ready.body).toBe(200);
  });

  it('runs the job queue through the pooler, and LISTEN and migrations on the direct connection', async () => {
    const db = database!;
    // A job sent and worked through PgBouncer, folding the report deltas (transaction-level advisory locks).
    await jobs!.send('test.fold-through-pooler');
    const deadline = Date.now() + 20_000;
    while (jobRuns.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jobRuns).toHaveLength(1);

    // NOTIFY sent through the pooler reaches a LISTEN on the direct connection.
    const heard: string[] = [];
    const unlisten = await db.listen('oscc_replica_test', (payload) => heard.push(payload));
    try {
      await sql`select pg_notify('oscc_replica_test', 'hello')`.execute(db.db);
      for (let i = 0; i < 50 && heard.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual(['hello']);
    } finally {
      await unlisten();
    }

    // The migrations' lock is held on the direct connection in a transaction, so it never stays behind on a
    // pooled session: migrating again (as every start does) neither waits nor leaves a lock.
    expect(await migrateToLatest(db.db)).toEqual({ applied: [] });
    const [free] = await runSql<{ free: boolean }>(
      cluster!.primaryUrl,
      `select pg_try_advisory_xact_lock(3853314791062309107) as free`,
    );
    expect(free!.free).toBe(true);
  });

  it('stays ready while the replica is down, and says so in /readyz and /metrics', async () => {
    const before = await app!.inject({ url: '/metrics' });
    expect(before.body).toMatch(/^oscc_read_replica_up\{[^}]*\} 1$/m);
    expect(before.body).toMatch(/^oscc_read_replica_lag_seconds\{[^}]*\} [\d.e-]+$/m);
    await cluster!.stopStandby();
    // Intake must not stop because the reports' replica is away: the primary alone decides readiness.
    const ready = await app!.inject({ url: '/readyz' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', database: 'up', readReplica: 'down' });
    const after = await app!.inject({ url: '/metrics' });
    expect(after.body).toMatch(/^oscc_read_replica_up\{[^}]*\} 0$/m);
  });
});
