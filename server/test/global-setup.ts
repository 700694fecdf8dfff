import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../src/bootstrap.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { generateFieldKeys } from '../src/platform/crypto/field-protection.ts';
import type { Database } from '../src/database-schema.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { PgliteDialect, PgliteGate } from '../src/platform/db/pglite-dialect.ts';

/** Field-protection keys, as the configuration takes them. */
export interface TestFieldKeys {
  FIELD_KEYS: string;
  FIELD_HASH_KEY: string;
}

/**
 * A database prepared once per run (migrations, roles, geography and — for `demo` — the demo data),
 * which every test app starts from instead of preparing its own. On PGlite a `dumpDataDir()` tarball
 * on disk; on PostgreSQL a template database on the server named by DATABASE_URL.
 */
export type DatabaseSnapshots =
  | { engine: 'pglite'; demo: string; plain: string }
  | { engine: 'postgres'; serverUrl: string; demo: string; plain: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The keys the snapshots were made with (the harness's TEST_FIELD_KEYS). */
    osccTestFieldKeys?: TestFieldKeys;
    osccDatabaseSnapshots?: DatabaseSnapshots;
  }
}

/** `date` columns read as 'YYYY-MM-DD' strings, as in openDatabase. */
const DATE_OID = 1082;

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * Global setup of the `api` project: prepares the two snapshots (with and without demo data) once,
 * on the engine this run uses, and removes them when the run ends. Every createTestApp() still gets
 * its own copy, and still runs prepareDatabase() on it (which then finds nothing to do).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const generated = generateFieldKeys();
  project.provide('osccTestFieldKeys', { FIELD_KEYS: generated.fieldKeys, FIELD_HASH_KEY: generated.hashKey });
  // The clock the harness's apps start at, so the prepared rows carry the same times as before.
  const clock = new ManualClock();

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = await mkdtemp(path.join(tmpdir(), 'oscc-api-snapshot-'));
    const files = { demo: path.join(folder, 'demo.tar'), plain: path.join(folder, 'plain.tar') };
    try {
      for (const demo of [false, true]) {
        // PGlite itself (openDatabase keeps it inside the handle), as openDatabase makes it, for dumpDataDir().
        const pglite = await PGlite.create({ parsers: { [DATE_OID]: (value: string) => value } });
        const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite, new PgliteGate()) });
        try {
          // prepareDatabase works through the handle's Kysely only.
          await prepareDatabase({ db } as DatabaseHandle, clock, { demoData: demo });
          // Everything written to the data files, so a copy starts without replaying the log.
          await pglite.exec('checkpoint');
          const dump = await pglite.dumpDataDir('none');
          await writeFile(demo ? files.demo : files.plain, new Uint8Array(await dump.arrayBuffer()));
        } finally {
          await db.destroy();
          await pglite.close();
        }
      }
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    project.provide('osccDatabaseSnapshots', { engine: 'pglite', ...files });
    return async () => {
      await rm(folder, { recursive: true, force: true });
    };
  }

  const prefix = `oscc_template_${randomBytes(6).toString('hex')}`;
  const names = { demo: `${prefix}_demo`, plain: `${prefix}_plain` };
  const dropAll = async () => {
    for (const name of Object.values(names))
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    for (const demo of [false, true]) {
      const name = demo ? names.demo : names.plain;
      await adminQuery(serverUrl, `create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
      try {
        await prepareDatabase(database, clock, { demoData: demo });
      } finally {
        // A template must have no connections left when it is copied.
        await database.close();
      }
    }
  } catch (error) {
    await dropAll();
    throw error;
  }
  project.provide('osccDatabaseSnapshots', { engine: 'postgres', serverUrl, ...names });
  return dropAll;
}
