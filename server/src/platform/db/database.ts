import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresAdapter, PostgresDialect, sql, type DialectAdapter } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import type { Database } from '../../database-schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteDialect, PgliteGate } from './pglite-dialect.ts';
import { WriteWatchPlugin } from './write-watch.ts';

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
  /** The primary: every write, and every read that must see what was just written. */
  readonly db: Kysely<Database>;
  /**
   * For read-only queries that may be a moment stale (the reports): the read replica when READ_DATABASE_URL is
   * set, otherwise the same handle as `db`. Never write through it — a hot standby refuses, and without one the
   * write would land where the code did not mean it to.
   */
  readonly readDb: Kysely<Database>;
  /** Whether `readDb` is a replica of its own (READ_DATABASE_URL). */
  readonly hasReadReplica: boolean;
  readonly engine: DatabaseEngine;
  readonly jobQueueConnection: JobQueueConnection;
  /** True when the database (and the read replica, when there is one) answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Whether the read replica answers — null when there is none. Not part of readiness: a replica that is away
   * costs the reports, and must not take every API process out of the load balancer and stop the calls.
   */
  pingReadReplica(timeoutMs?: number): Promise<boolean | null>;
  /**
   * Listens on a notification channel (NOTIFY, delivered when the sending transaction commits) — on PostgreSQL
   * over a connection of its own to the primary (DATABASE_DIRECT_URL: not through a transaction-mode pooler) that
   * reconnects when it drops. Returns how to stop listening.
   */
  listen(
    channel: string,
    callback: (payload: string) => void,
    connection?: ListenConnectionEvents,
  ): Promise<() => Promise<void>>;
  /**
   * Calls `onWrite` just before this process sends any statement through `db` that writes to one of `tables`
   * (see WriteWatchPlugin): for caches that must not serve what their own process is changing. Returns how to stop.
   */
  watchWrites(tables: Iterable<string>, onWrite: (table: string) => void): () => void;
  /**
   * The embedded database's whole data folder as a gzipped tarball, after a checkpoint (PGlite only; PostgreSQL is
   * backed up with pg_dump, see backup.ts).
   */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * When notifications may be missed: the listening connection dropped (`down`), and it listens again (`up`) —
 * whatever was sent in between is lost. The embedded database's listener never drops.
 */
export interface ListenConnectionEvents {
  down?(): void;
  up?(): void;
}

/** A PostgreSQL database to open: `directUrl` defaults to `url`, and without `read` there is no replica. */
export interface PostgresTarget {
  engine: 'postgres';
  url: string;
  poolSize: number;
  /** A direct connection to the primary (LISTEN, the migration lock) when `url` is a transaction-mode pooler. */
  directUrl?: string;
  read?: { url: string; poolSize: number } | null;
}

export type DatabaseTarget =
  | Config['database']
  | PostgresTarget
  /**
   * `loadDataDir` starts it from a `dumpDataDir()` tarball: in memory (the test harness's prepared snapshot), or into
   * an empty folder (a restore).
   */
  | { engine: 'pglite'; dataDir: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'postgres') return openPostgres(target);
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
  const writes = new WriteWatchPlugin();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite, gate), plugins: [writes] });
  let closed = false;
  return {
    db,
    readDb: db,
    hasReadReplica: false,
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
    pingReadReplica: async () => null,
    // LISTEN is a statement: it waits its turn at the gate, so it never runs inside someone else's transaction.
    async listen(channel, callback) {
      const unlisten = await gate.run(() => pglite.listen(channel, callback));
      return () => gate.run(() => unlisten());
    },
    watchWrites: (tables, onWrite) => writes.watch(tables, onWrite),
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

function postgresPool(connectionString: string, max: number, applicationName?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    ...(applicationName ? { application_name: applicationName } : {}),
  });
  // A dropped connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * PostgreSQL, possibly behind PgBouncer in transaction mode (`url`): what the app sends through it is
 * statements and transactions only — no session state (SET is always `set_config(…, true)`, local to a
 * transaction; node-postgres prepares unnamed statements; advisory locks are `…_xact_lock`). The two things that
 * need a session of their own use `directUrl`: LISTEN, and the migration lock (see MigrationLockAdapter).
 */
async function openPostgres(target: PostgresTarget): Promise<DatabaseHandle> {
  const { url, poolSize } = target;
  const directUrl = target.directUrl ?? url;
  const writes = new WriteWatchPlugin();
  const db = new Kysely<Database>({
    dialect: new PostgresWithMigrationLockDialect({ pool: postgresPool(url, poolSize) }, directUrl),
    plugins: [writes],
  });
  // Reports only read, and on a hot standby cannot do anything else.
  const readDb = target.read
    ? new Kysely<Database>({
        dialect: new PostgresDialect({ pool: postgresPool(target.read.url, target.read.poolSize, 'oscc-read') }),
      })
    : db;
  let closed = false;
  return {
    db,
    readDb,
    hasReadReplica: readDb !== db,
    engine: 'postgres',
    jobQueueConnection: { engine: 'postgres', connectionString: url, poolSize: Math.max(2, Math.ceil(poolSize / 2)) },
    ping: (timeoutMs = 2000) => pingDatabase(db, timeoutMs, () => closed),
    pingReadReplica: async (timeoutMs = 2000) => (readDb === db ? null : pingDatabase(readDb, timeoutMs, () => closed)),
    listen: (channel, callback, connection) => listenPostgres(directUrl, channel, callback, connection),
    watchWrites: (tables, onWrite) => writes.watch(tables, onWrite),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([db.destroy(), readDb === db ? undefined : readDb.destroy()]);
    },
  };
}

/** Kysely's migration lock id (PostgresAdapter's), so that older processes still wait for newer ones. */
const MIGRATION_LOCK_ID = '3853314791062309107';

/**
 * Kysely's migrator takes a session-level advisory lock on its connection, then migrates in a transaction, then
 * unlocks. Behind a transaction-mode pooler the three may run on different server sessions: the lock leaks on
 * one of them and the next start waits for it forever. This adapter holds the lock instead in a transaction of
 * its own, on a connection of its own to `directUrl` (`pg_advisory_xact_lock`: released at commit, or when the
 * connection drops — so also safe through a pooler), while the migrations run in their transaction as usual.
 */
class MigrationLockAdapter extends PostgresAdapter {
  readonly #directUrl: string;
  readonly #holders = new WeakMap<object, pg.Client>();

  constructor(directUrl: string) {
    super();
    this.#directUrl = directUrl;
  }

  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    const client = new pg.Client({ connectionString: this.#directUrl, application_name: 'oscc-migrate' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('lock_timeout', '3600000', true)`);
      await client.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#holders.set(db, client);
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    const client = this.#holders.get(db);
    this.#holders.delete(db);
    if (!client) return;
    try {
      await client.query('commit');
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

class PostgresWithMigrationLockDialect extends PostgresDialect {
  readonly #directUrl: string;

  constructor(config: ConstructorParameters<typeof PostgresDialect>[0], directUrl: string) {
    super(config);
    this.#directUrl = directUrl;
  }

  override createAdapter(): DialectAdapter {
    return new MigrationLockAdapter(this.#directUrl);
  }
}

/** LISTEN on a dedicated connection; when it drops, connect again (after 1, 2, 4 … 30 s) and listen again. */
async function listenPostgres(
  url: string,
  channel: string,
  callback: (payload: string) => void,
  events: ListenConnectionEvents = {},
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
      events.down?.();
      schedule();
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
    if (failures > 0) events.up?.();
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
