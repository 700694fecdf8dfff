import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A PostgreSQL primary, a hot standby streaming from it, and PgBouncer (transaction pooling) in front of the
 * primary — each its own process on its own free port, all in one temporary folder that `stop()` removes. For the
 * tests of the read replica and of running behind a pooler. As root (CI), the servers run as the `postgres` user:
 * PostgreSQL and PgBouncer refuse root.
 */
export interface PgCluster {
  /** postgres://…/<database> on the primary itself. */
  primaryUrl: string;
  /** The same database through PgBouncer (pool_mode = transaction). */
  bouncerUrl: string;
  /** The same database on the hot standby. */
  standbyUrl: string;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the standby alone (a replica outage); stop() still cleans up. */
  stopStandby(): Promise<void>;
  /** Stops every process and removes the folder; safe to call twice, and after a failed start. */
  stop(): Promise<void>;
}

const run = promisify(execFile);
const POSTGRES_USER = 'postgres';
const isRoot = process.getuid?.() === 0;

/** The PostgreSQL server binaries: PG_BIN, or the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export function pgbouncerBinary(): string | null {
  return (
    ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'].find((file) => fs.existsSync(file)) ??
    null
  );
}

/** Whether this machine can start the cluster: the server binaries, pg_basebackup, and PgBouncer. */
export function canStartPgCluster(): boolean {
  const bin = postgresBinDir();
  return !!bin && fs.existsSync(path.join(bin, 'pg_basebackup')) && !!pgbouncerBinary();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server binary as the postgres user when we are root. */
async function asPostgres(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = isRoot ? ['runuser', ['-u', POSTGRES_USER, '--', command, ...args]] : [command, args];
  try {
    const { stdout } = await run(file, argv, { timeout: timeoutMs });
    return stdout;
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${path.basename(command)} failed: ${failed.message}\n${failed.stderr ?? ''}${failed.stdout ?? ''}`,
    );
  }
}

/** One statement on a connection of its own (the cluster's servers, or a test's look at them). */
export async function runSql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Sends SIGKILL to whatever still runs from the folder (postmasters, PgBouncer), then removes it. Synchronous. */
function killByPidFiles(folder: string): void {
  for (const file of ['pgbouncer.pid', 'standby/postmaster.pid', 'primary/postmaster.pid']) {
    try {
      const pid = Number(fs.readFileSync(path.join(folder, file), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // not running, or never started
    }
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

export async function startPgCluster(options: { database?: string } = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  const bouncer = pgbouncerBinary();
  if (!bin || !bouncer) throw new Error('PostgreSQL server binaries and pgbouncer are needed');
  const database = options.database ?? 'oscc';
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-pg-cluster-'));
  if (isRoot) {
    const { stdout } = await run('id', ['-u', POSTGRES_USER]);
    const { stdout: group } = await run('id', ['-g', POSTGRES_USER]);
    fs.chownSync(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const primaryDir = path.join(folder, 'primary');
  const standbyDir = path.join(folder, 'standby');
  const started: Array<() => Promise<void>> = [];
  // Should the test process end without stop() (a crash), the servers still go: by the pids in their files.
  const onExit = () => killByPidFiles(folder);
  process.once('exit', onExit);
  const stop = async () => {
    // Last started, first stopped; each step on its own, so one failure does not leave the others running.
    for (const step of started.splice(0).reverse()) await step().catch(() => undefined);
    killByPidFiles(folder);
    fs.rmSync(folder, { recursive: true, force: true });
    process.off('exit', onExit);
  };

  try {
    const [primaryPort, standbyPort, bouncerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const urlOf = (port: number, name = database) => `postgres://${POSTGRES_USER}@127.0.0.1:${port}/${name}`;
    const pgCtl = path.join(bin, 'pg_ctl');
    const serverOptions = (port: number) =>
      [
        `-p ${port}`,
        `-c listen_addresses=127.0.0.1`,
        `-c unix_socket_directories='${folder}'`,
        // A throw-away cluster: durability buys nothing here.
        `-c fsync=off`,
        `-c synchronous_commit=off`,
        `-c full_page_writes=off`,
        `-c max_connections=60`,
        `-c shared_buffers=32MB`,
      ].join(' ');

    // The primary: trust for everyone on 127.0.0.1, replication included (initdb writes those lines).
    await asPostgres(path.join(bin, 'initdb'), [
      '-D',
      primaryDir,
      '-U',
      POSTGRES_USER,
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await asPostgres(pgCtl, [
      'start',
      '-w',
      '-D',
      primaryDir,
      '-l',
      path.join(folder, 'primary.log'),
      '-o',
      serverOptions(primaryPort),
    ]);
    started.push(() => asPostgres(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', primaryDir]).then(() => undefined));
    await runSql(urlOf(primaryPort, 'postgres'), `create database ${database}`);

    // The hot standby: a base backup with -R (standby.signal and primary_conninfo), streaming from the primary.
    await asPostgres(path.join(bin, 'pg_basebackup'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      POSTGRES_USER,
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await asPostgres(pgCtl, [
      'start',
      '-w',
      '-D',
      standbyDir,
      '-l',
      path.join(folder, 'standby.log'),
      '-o',
      `${serverOptions(standbyPort)} -c hot_standby=on`,
    ]);
    started.push(() => asPostgres(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', standbyDir]).then(() => undefined));

    // PgBouncer in transaction mode in front of the primary (a daemon with a pid file, stopped by that pid).
    const pidFile = path.join(folder, 'pgbouncer.pid');
    const ini = path.join(folder, 'pgbouncer.ini');
    fs.writeFileSync(path.join(folder, 'userlist.txt'), `"${POSTGRES_USER}" ""\n`);
    fs.writeFileSync(
      ini,
      [
        '[databases]',
        `* = host=127.0.0.1 port=${primaryPort}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${bouncerPort}`,
        `unix_socket_dir = ${folder}`,
        'auth_type = trust',
        `auth_file = ${path.join(folder, 'userlist.txt')}`,
        'pool_mode = transaction',
        'max_client_conn = 200',
        'default_pool_size = 20',
        'ignore_startup_parameters = extra_float_digits',
        `logfile = ${path.join(folder, 'pgbouncer.log')}`,
        `pidfile = ${pidFile}`,
        '',
      ].join('\n'),
    );
    if (isRoot) await run('chown', ['-R', `${POSTGRES_USER}:`, folder]);
    await asPostgres(bouncer, ['-d', ini]);
    started.push(async () => {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      if (!pid) return;
      process.kill(pid, 'SIGTERM');
      // Wait for it to go, so the folder is not removed under it.
      for (let i = 0; i < 50; i += 1) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(pid, 'SIGKILL');
    });
    for (let attempt = 0; ; attempt += 1) {
      try {
        await runSql(urlOf(bouncerPort), 'select 1');
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    const cluster: PgCluster = {
      primaryUrl: urlOf(primaryPort),
      bouncerUrl: urlOf(bouncerPort),
      standbyUrl: urlOf(standbyPort),
      async caughtUp(timeoutMs = 15_000) {
        const [current] = await runSql<{ lsn: string }>(cluster.primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
        const lsn = current!.lsn;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const [row] = await runSql<{ done: boolean }>(
            cluster.standbyUrl,
            `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`,
          );
          if (row?.done) return;
          if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} in time`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      async stopStandby() {
        await asPostgres(path.join(bin, 'pg_ctl'), ['stop', '-m', 'fast', '-w', '-D', standbyDir]);
      },
      stop,
    };
    // The standby is streaming, and has the database the primary created before its base backup.
    await cluster.caughtUp();
    return cluster;
  } catch (error) {
    const logs = ['primary.log', 'standby.log', 'pgbouncer.log']
      .map((name) => path.join(folder, name))
      .filter((file) => fs.existsSync(file))
      .map((file) => `--- ${path.basename(file)}\n${fs.readFileSync(file, 'utf8').slice(-2000)}`)
      .join('\n');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`, { cause: error });
  }
}
