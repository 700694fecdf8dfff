import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * Backups of either engine, as files an operator keeps:
 * - the embedded database (PGlite): its data folder as a gzipped tarball, taken through the database itself after
 *   a checkpoint — the server must be stopped (one process per folder), the command says so if it is not;
 * - PostgreSQL: `pg_dump --format=custom` (the PostgreSQL client tools on PATH), online, consistent (one snapshot).
 * Neither holds the field keys: a backup without them cannot be read, which is the point — keep the keys
 * (FIELD_KEYS, or the embedded folder's field-keys.json) safe separately.
 *
 * A restore never destroys what is there in one step: into a folder that holds a database, or a PostgreSQL
 * database that has tables, only with `force` — and the embedded folder is then moved aside, not deleted.
 */

export type BackupKind = 'pglite' | 'postgres';

const GZIP = [0x1f, 0x8b];
const PG_CUSTOM = Buffer.from('PGDMP');

/** Which engine a backup file is for, from its first bytes. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    if (head.subarray(0, 5).equals(PG_CUSTOM)) return 'postgres';
    if (head[0] === GZIP[0] && head[1] === GZIP[1]) return 'pglite';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error(
              `${command} is not installed (the PostgreSQL client tools, e.g. apt-get install postgresql-client)`,
            )
          : error,
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(-2000)}`)),
    );
  });
}

export async function backupDatabase(database: Config['database'], file: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (database.engine === 'postgres') {
    // pg_dump needs a session of its own: the primary itself, not a transaction-mode pooler.
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', database.directUrl]);
  } else {
    const handle = await openDatabase(database);
    try {
      fs.writeFileSync(file, await handle.dumpDataDir!(), { mode: 0o600 });
    } finally {
      await handle.close();
    }
  }
  fs.chmodSync(file, 0o600);
  return { bytes: fs.statSync(file).size };
}

export class RestoreRefusedError extends Error {}

/** Restores a backup; returns where the previous embedded folder was moved, if it was. */
export async function restoreDatabase(
  database: Config['database'],
  file: string,
  { force = false }: { force?: boolean } = {},
): Promise<{ movedAside: string | null }> {
  const kind = backupKindOf(file);
  if (kind === null)
    throw new RestoreRefusedError(`${file} is not an OSCC backup (neither a pg_dump nor a PGlite dump)`);
  if (kind !== database.engine)
    throw new RestoreRefusedError(
      `${file} is a ${kind === 'postgres' ? 'PostgreSQL' : 'embedded-database'} backup; this installation uses ${database.engine === 'postgres' ? 'PostgreSQL' : 'the embedded database'}`,
    );
  if (database.engine === 'postgres') {
    const handle = await openDatabase(database);
    let tables = 0;
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
        where table_schema = 'public'`.execute(handle.db);
      tables = rows[0]?.n ?? 0;
    } finally {
      await handle.close();
    }
    if (tables > 0 && !force)
      throw new RestoreRefusedError(
        `the database already has ${tables} tables: restore into an empty database, or pass --force to replace them`,
      );
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      database.directUrl,
      file,
    ]);
    return { movedAside: null };
  }

  const dir = path.resolve(database.dataDir);
  let movedAside: string | null = null;
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    // Not under a running server: taking the folder's lock says so (and is released at once).
    lockDataDir(dir)();
    if (!force)
      throw new RestoreRefusedError(
        `${dir} already holds a database: pass --force to move it aside (it is kept, not deleted) and restore`,
      );
    movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dir, movedAside);
    // The keys stay with the installation: bring them back beside the restored database.
    const keys = path.join(movedAside, 'field-keys.json');
    if (fs.existsSync(keys)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(keys, path.join(dir, 'field-keys.json'));
    }
  }
  const handle = await openDatabase({ engine: 'pglite', dataDir: dir, loadDataDir: new Blob([fs.readFileSync(file)]) });
  await handle.close();
  return { movedAside };
}
