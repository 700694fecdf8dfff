import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli.ts';
import { TEST_FIELD_KEYS } from './harness.ts';
import { runSql } from './support/pg-cluster.ts';

/**
 * `npx oscc backup` / `restore` on PostgreSQL (pg_dump / pg_restore): a database migrated and given an
 * administrator is dumped, restored into an empty database, and found the same; restoring over a database that
 * has tables needs --force. Runs in the PostgreSQL pass (DATABASE_URL set); the embedded database's round trip is
 * in cli.api.test.ts.
 */
const serverUrl = process.env.DATABASE_URL;
const suffix = `${process.pid}_${Date.now()}`;
const source = `oscc_test_backup_src_${suffix}`;
const target = `oscc_test_backup_dst_${suffix}`;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-backup-'));
const urlOf = (name: string) => {
  const url = new URL(serverUrl ?? 'postgres://localhost/postgres');
  url.pathname = `/${name}`;
  return url.toString();
};

async function run(database: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { DATABASE_URL: urlOf(database), LOG_LEVEL: 'silent', ...TEST_FIELD_KEYS },
    cwd: folder,
    readStdin: async () => 'a-Strong-password-1300',
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function emails(database: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return (await client.query<{ email: string }>('select email from app_user order by email')).rows.map(
      (r) => r.email,
    );
  } finally {
    await client.end();
  }
}

describe.skipIf(!serverUrl)('backup and restore on PostgreSQL', () => {
  beforeAll(async () => {
    await runSql(serverUrl!, `create database ${source}`);
    await runSql(serverUrl!, `create database ${target}`);
  });
  afterAll(async () => {
    await runSql(serverUrl!, `drop database if exists ${source} with (force)`);
    await runSql(serverUrl!, `drop database if exists ${target} with (force)`);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('dumps a database and restores it into an empty one; over one with tables only with --force', async () => {
    expect((await run(source, ['migrate'])).code).toBe(0);
    const created = await run(source, [
      'create-admin',
      '--email',
      'dpo@oscc.example',
      '--first-name',
      'สำรอง',
      '--last-name',
      'ข้อมูล',
      '--password-stdin',
    ]);
    expect(created.code, created.err).toBe(0);

    const made = await run(source, ['backup', 'oscc.dump']);
    expect(made.code, made.err).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'oscc.dump')).subarray(0, 5).toString()).toBe('PGDMP');

    const restored = await run(target, ['restore', 'oscc.dump']);
    expect(restored.code, restored.err).toBe(0);
    expect(await emails(target)).toEqual(await emails(source));

    // The target has tables now: a second restore needs --force (and then leaves the same data).
    expect((await run(target, ['restore', 'oscc.dump'])).code).toBe(3);
    const again = await run(target, ['restore', 'oscc.dump', '--force']);
    expect(again.code, again.err).toBe(0);
    expect(await emails(target)).toEqual(['dpo@oscc.example']);
  }, 120_000);
});
