import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli.ts';
import { loadConfig } from '../src/config.ts';
import { recordAudit } from '../src/platform/audit/audit.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { verifyPassword } from '../src/modules/identity/index.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
    readStdin: async () => stdin,
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The CLI works on the embedded database in a folder (PGlite); one process at a time. It ignores DATABASE_URL, so
// CI's PostgreSQL pass of the API suites would only repeat the embedded pass (PostgreSQL's backup and restore are
// backup-postgres.api.test.ts).
describe.skipIf(!!process.env.DATABASE_URL)('npx oscc', () => {
  it('generate-keys: prints new keys, even where the configuration is still incomplete', async () => {
    const out: string[] = [];
    const code = await runCli(['generate-keys'], {
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      env: { DATABASE_URL: 'postgres://oscc@db/oscc' },
      cwd: os.tmpdir(),
      readStdin: async () => '',
    });
    expect(code).toBe(0);
    const keys = Object.fromEntries(
      out.filter((line) => !line.startsWith('#')).map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    const config = loadConfig({ DATABASE_URL: 'postgres://oscc@db/oscc', ...keys });
    expect(config.fieldKeys?.fieldKeys).toMatch(/^k1:/);
  });

  it('migrate: creates the schema and loads the reference data, then finds nothing to do', async () => {
    const first = await run(['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Applied \d+ migration\(s\): 0001-platform, 0002-organisations-people/);
    expect(first.out).toContain('Geography reference loaded');
    const second = await run(['migrate']);
    expect(second.out).toContain('The database is up to date.');
    expect(second.out).toContain('Geography reference unchanged');
  });

  it('create-admin: creates a nationwide administrator with a password read from stdin', async () => {
    const result = await run(
      [
        'create-admin',
        '--email',
        'Director@Example.org',
        '--first-name',
        'สมศรี',
        '--last-name',
        'ใจงาม',
        '--password-stdin',
      ],
      'a-long-enough-passphrase\n',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('director@example.org');
    expect(result.out).not.toContain('a-long-enough-passphrase');
    const again = await run([
      'create-admin',
      '--email',
      'director@example.org',
      '--first-name',
      'x',
      '--last-name',
      'y',
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');

    const database = await openDatabase({ engine: 'pglite', dataDir });
    try {
      const user = await database.db
        .selectFrom('app_user')
        .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
        .select(['app_user.password_hash', 'user_role.role_code', 'user_role.scope_level'])
        .where('app_user.email', '=', 'director@example.org')
        .executeTakeFirstOrThrow();
      expect(user.role_code).toBe('central_admin');
      expect(user.scope_level).toBe('nation');
      expect(await verifyPassword(user.password_hash!, 'a-long-enough-passphrase')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('create-admin: refuses a weak password and a bad e-mail', async () => {
    expect(
      (
        await run(
          ['create-admin', '--email', 'a@b.org', '--first-name', 'x', '--last-name', 'y', '--password-stdin'],
          'short',
        )
      ).code,
    ).toBe(2);
    expect((await run(['create-admin', '--email', 'not-an-email', '--first-name', 'x', '--last-name', 'y'])).code).toBe(
      2,
    );
  });

  it('seed-demo: loads the demo once', async () => {
    const first = await run(['seed-demo']);
    expect(first.out).toMatch(/Demo data seeded: 17 agencies, \d+ units/);
    expect((await run(['seed-demo'])).out).toContain('already there');
  });

  it('verify-audit: seals the trail and finds it intact — and finds an event altered behind the trigger', async () => {
    // Something to audit (the console's own changes are recorded with no actor).
    const seeded = await openDatabase({ engine: 'pglite', dataDir });
    try {
      await recordAudit(
        seeded.db,
        { actorUserId: null, requestId: null, now: new Date() },
        { action: 'unit.update', entityType: 'unit', entityId: 'cli-test', after: { nameTh: 'ทดสอบ' } },
      );
    } finally {
      await seeded.close();
    }
    const first = await run(['verify-audit']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Sealed \d+ new event\(s\)/);
    expect(first.out).toContain('The audit trail is intact.');
    const database = await openDatabase({ engine: 'pglite', dataDir });
    try {
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(database.db);
      await sql`update audit_event set action = 'user.nothing' where id = (select max(id) from audit_event)`.execute(
        database.db,
      );
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(database.db);
    } finally {
      await database.close();
    }
    const second = await run(['verify-audit', '--no-seal']);
    expect(second.code).toBe(4);
    expect(second.err).toMatch(/altered/);
    expect(second.err).toContain('tampered');
  });

  it('rotate-keys: re-encrypts under the first key of FIELD_KEYS (none to do on a fresh folder)', async () => {
    const result = await run(['rotate-keys']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Re-encrypted 0 value\(s\)/);
  });

  it('backup / restore: the embedded database to a file and back; never over data without --force', async () => {
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-backup.tar.gz`);
    const made = await run(['backup', file]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/Backup written to .* MiB/);
    expect(made.out).toContain('field-keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // A change after the backup…
    const count = async () => {
      const database = await openDatabase({ engine: 'pglite', dataDir });
      try {
        return (await database.db.selectFrom('app_user').select('email').execute()).length;
      } finally {
        await database.close();
      }
    };
    const before = await count();
    expect(
      (await run(['create-admin', '--email', 'later@oscc.example', '--first-name', 'ภายหลัง', '--last-name', 'สำรอง']))
        .code,
    ).toBe(0);
    expect(await count()).toBe(before + 1);

    // …is not overwritten by accident,
    const refused = await run(['restore', file]);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('--force');
    // and with --force the folder is moved aside (kept), the backup's state comes back, the keys with it.
    const restored = await run(['restore', file, '--force']);
    expect(restored.code, restored.err).toBe(0);
    const kept = /kept in (.*)\./.exec(restored.out)?.[1];
    expect(kept && fs.existsSync(path.join(kept, 'PG_VERSION'))).toBe(true);
    expect(await count()).toBe(before);
    expect(fs.existsSync(path.join(dataDir, 'field-keys.json'))).toBe(true);
    // The restored folder is a whole database at this version's schema.
    expect((await run(['migrate'])).out).toContain('The database is up to date.');
    fs.rmSync(kept!, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }, 120_000);

  it('restore refuses a file that is not a backup, and a backup of the other engine', async () => {
    const junk = path.join(dataDir, '..', `${path.basename(dataDir)}-junk.bin`);
    fs.writeFileSync(junk, 'not a backup');
    const result = await run(['restore', junk, '--force']);
    expect(result.code).toBe(3);
    expect(result.err).toContain('not an OSCC backup');
    fs.writeFileSync(junk, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(100)]));
    expect((await run(['restore', junk, '--force'])).err).toContain('is a PostgreSQL backup');
    fs.rmSync(junk, { force: true });
  });

  it('explains bad configuration and exits with 78', async () => {
    const io: CliIo = {
      out: () => undefined,
      err: () => undefined,
      env: { PORT: 'x' },
      cwd: process.cwd(),
      readStdin: async () => '',
    };
    expect(await runCli(['migrate'], io)).toBe(78);
  });
});
