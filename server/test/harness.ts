import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { currentTotp } from '../src/modules/identity/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { resolveFieldKeys } from '../src/platform/crypto/field-keys.ts';
import { createFieldProtector, generateFieldKeys } from '../src/platform/crypto/field-protection.ts';
import { CSRF_HEADER, csrfTokenFor } from '../src/platform/http/csrf.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import type { RouteRecord } from '../src/platform/http/access.ts';
import type { JobQueue } from '../src/platform/jobs/job-queue.ts';
import type { DatabaseSnapshots, TestFieldKeys } from './global-setup.ts';

/**
 * A fresh database for one test file: in-memory PGlite by default, or a
 * throw-away database on the PostgreSQL server named by DATABASE_URL (CI
 * runs the suites both ways). Migrations and reference data are real.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  return openFreshDatabase(null);
}

/**
 * An empty database, or — given a snapshot (see global-setup.ts) — a copy of it: PGlite loaded from its
 * dumped data folder, or a PostgreSQL database created from its template.
 */
async function openFreshDatabase(snapshot: string | null): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    if (!snapshot) return openDatabase({ engine: 'pglite', dataDir: 'memory://' });
    return openDatabase({ engine: 'pglite', dataDir: 'memory://', loadDataDir: await snapshotTarball(snapshot) });
  }
  const name = `oscc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(snapshot ? `create database ${name} template ${snapshot}` : `create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: ManualClock;
  config: Config;
  routes: RouteRecord[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  demo?: boolean;
  env?: Record<string, string>;
  jobs?: JobQueue | null;
  /** Add routes (e.g. one that throws) before the app is ready. */
  extend?: (app: FastifyInstance) => void;
}

export const DEMO_PASSWORD_FOR_TESTS = 'oscc-demo-1300';

/** What the global setup provided, or nothing when a file runs without it. */
function provided<T extends 'osccTestFieldKeys' | 'osccDatabaseSnapshots'>(key: T) {
  try {
    return inject(key);
  } catch {
    return undefined; // not inside a Vitest worker
  }
}

/**
 * Field-protection keys for this run (fresh each run: nothing protected outlives it) — the ones the
 * global setup prepared the snapshots with, or, without it, this process's own.
 */
export const TEST_FIELD_KEYS: TestFieldKeys =
  provided('osccTestFieldKeys') ??
  (() => {
    const generated = generateFieldKeys();
    return { FIELD_KEYS: generated.fieldKeys, FIELD_HASH_KEY: generated.hashKey };
  })();

/** The prepared snapshots, when the global setup made them for the engine this process uses. */
function databaseSnapshots(): DatabaseSnapshots | null {
  const snapshots = provided('osccDatabaseSnapshots');
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  if (!snapshots || snapshots.engine !== engine) return null;
  if (snapshots.engine === 'postgres' && snapshots.serverUrl !== process.env.DATABASE_URL) return null;
  return snapshots;
}

/** Each dumped data folder is read once per worker. */
const tarballs = new Map<string, Promise<Blob>>();
function snapshotTarball(file: string): Promise<Blob> {
  let tarball = tarballs.get(file);
  if (!tarball) {
    tarball = readFile(file).then((bytes) => new Blob([bytes]));
    tarballs.set(file, tarball);
  }
  return tarball;
}

/** The real app on a real engine, with a clock that only moves when told. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = new ManualClock();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '10000',
    ...TEST_FIELD_KEYS,
    ...options.env,
  });
  const demo = options.demo ?? true;
  const snapshots = databaseSnapshots();
  // A copy of the database prepared once for the run; preparing it again finds nothing to do, but still runs.
  const database = await openFreshDatabase(snapshots ? (demo ? snapshots.demo : snapshots.plain) : null);
  await prepareDatabase(database, clock, { demoData: demo });
  const routes: RouteRecord[] = [];
  const app = await buildApp({ config, database, clock, jobs: options.jobs ?? null, routes });
  options.extend?.(app);
  await app.ready();
  sendCsrfTokens(app, createFieldProtector(resolveFieldKeys(config)).derivedKey('csrf'));
  appClocks.set(app, clock);
  return {
    app,
    database,
    clock,
    config,
    routes,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Signs in through the API and returns the cookie header to send. For roles
 * that need two-step verification it also sets TOTP up (first sign-in) — or
 * answers the challenge with a code from the person's secret (later ones).
 */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = DEMO_PASSWORD_FOR_TESTS,
  clock?: ManualClock,
): Promise<string> {
  const appClock = clock ?? appClocks.get(app);
  const at = () => appClock?.now() ?? new Date();
  let response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  if (response.json().status === 'second_factor_required') {
    const secret = totpSecrets.get(email.toLowerCase());
    if (!secret) throw new Error(`no TOTP secret known for ${email}`);
    appClock?.advanceMinutes(0.5); // a code is accepted once: wait for the next one, as a person would
    response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/second-factor',
      payload: { challenge: response.json().challenge, code: currentTotp(secret, at()) },
    });
    if (response.statusCode !== 200) throw new Error(`second factor for ${email} failed: ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === 'oscc_session');
  if (!cookie) throw new Error('no session cookie');
  const header = `oscc_session=${cookie.value}`;
  if (response.json().secondFactor === 'enrolment_required') {
    const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: header } });
    const secret = setup.json().secret as string;
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: { cookie: header },
      payload: { code: currentTotp(secret, at()) },
    });
    if (confirm.statusCode !== 200) throw new Error(`TOTP enrolment for ${email} failed: ${confirm.body}`);
    totpSecrets.set(email.toLowerCase(), secret);
  }
  return header;
}

/**
 * The tests speak to the API as the web app does: a request with a session
 * cookie also carries its CSRF token (`x-csrf-token`), unless the test sets
 * that header or the token's cookie itself (to test the protection, say).
 */
function sendCsrfTokens(app: FastifyInstance, key: Buffer): void {
  const original = app.inject.bind(app) as (options: unknown, callback?: unknown) => unknown;
  const patched = (options: unknown, callback?: unknown) => {
    if (options && typeof options === 'object') {
      const request = options as { headers?: Record<string, unknown> };
      const cookie = request.headers?.cookie;
      const session = typeof cookie === 'string' ? /(?:^|;\s*)oscc_session=([^;]*)/.exec(cookie)?.[1] : undefined;
      // A test that sends the header, or the token's cookie, manages the token itself.
      if (session && !(CSRF_HEADER in (request.headers ?? {})) && !cookie!.toString().includes('oscc_csrf='))
        options = { ...request, headers: { ...request.headers, [CSRF_HEADER]: csrfTokenFor(key, session) } };
    }
    return original(options, callback);
  };
  (app as unknown as { inject: typeof patched }).inject = patched;
}

/** Each test app's clock, so TOTP codes are computed for the time the server sees. */
const appClocks = new WeakMap<FastifyInstance, ManualClock>();

/** TOTP secrets the harness set up, by e-mail (test-only memory of "the phone"). */
export const totpSecrets = new Map<string, string>();
