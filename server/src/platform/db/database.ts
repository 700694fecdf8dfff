import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import type { Database } from '../../database-schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteDialect, PgliteGate } from './pglite-dialect.ts';

export type DatabaseEngine = 'pglite' | 'postgres';

/** `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to get wrong. */
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);

/** What pg-boss needs to run its own SQL on the same database. */
export type JobQueueConnection =
  | { engine: 'postgres'; connectionString: string; poolSize: number }
  | {
      engine: 'pglite';
      /** A PGlite facade whose every call waits its turn at the gate. */
      pglite: {
        query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
        exec(text: string): Promise<Array<{ rows: unknown[] }>>;
        listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
      };
    };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: DatabaseEngine;
  readonly jobQueueConnection: JobQueueConnection;
  /** True when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Listens on a notification channel (NOTIFY, delivered when the sending transaction commits) — on PostgreSQL
   * over a connection of its own that reconnects when it drops. Returns how to stop listening.
   */
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * The embedded database's whole data folder as a gzipped tarball, after a checkpoint (PGlite only; PostgreSQL is
   * backed up with pg_dump, see backup.ts).
   */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | Config['database']
  /**
   * `loadDataDir` starts it from a `dumpDataDir()` tarball: in memory (the test harness's prepared snapshot), or into
   * an empty folder (a restore).
   */
  | { engine: 'pglite'; dataDir: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'postgres') return openPostgres(target.url, target.poolSize);
  return openPglite(target.dataDir, 'loadDataDir' in target ? target.loadDataDir : undefined);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir !== 'memory://') {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
      parsers: { [DATE_OID]: (value: string) => value },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const gate = new PgliteGate();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite, gate) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    jobQueueConnection: {
      engine: 'pglite',
      pglite: {
        query: (text, params) => gate.run(() => pglite.query(text, params)),
        exec: (text) => gate.run(() => pglite.exec(text)),
        listen: (channel, callback) => pglite.listen(channel, callback),
      },
    },
    ping: (timeoutMs = 2000) => pingDatabase(db, timeoutMs, () => closed),
    // LISTEN is a statement: it waits its turn at the gate, so it never runs inside someone else's transaction.
    async listen(channel, callback) {
      const unlisten = await gate.run(() => pglite.listen(channel, callback));
      return () => gate.run(() => unlisten());
    },
    async dumpDataDir() {
      return gate.run(async () => {
        await pglite.exec('checkpoint');
        const tarball = await pglite.dumpDataDir('gzip');
        return new Uint8Array(await tarball.arrayBuffer());
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // A dropped connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: 'postgres',
    jobQueueConnection: { engine: 'postgres', connectionString: url, poolSize: Math.max(2, Math.ceil(poolSize / 2)) },
    ping: (timeoutMs = 2000) => pingDatabase(db, timeoutMs, () => closed),
    listen: (channel, callback) => listenPostgres(url, channel, callback),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** LISTEN on a dedicated connection; when it drops, connect again (after 1, 2, 4 … 30 s) and listen again. */
async function listenPostgres(
  url: string,
  channel: string,
  callback: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: 'oscc-listen' });
    next.on('notification', (message) => {
      if (message.channel === channel) callback(message.payload ?? '');
    });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = null;
      schedule();
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
    failures = 0;
  };
  const schedule = () => {
    if (stopped) return;
    failures += 1;
    retry = setTimeout(
      () => void connect().catch(() => schedule()),
      Math.min(30_000, 1000 * 2 ** Math.min(5, failures - 1)),
    );
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}

async function pingDatabase(db: Kysely<Database>, timeoutMs: number, isClosed: () => boolean): Promise<boolean> {
  if (isClosed()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answer = sql<{ ok: number }>`select 1 as ok`
      .execute(db)
      .then((result) => result.rows[0]?.ok === 1)
      .catch(() => false);
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
