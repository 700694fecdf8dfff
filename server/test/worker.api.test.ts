import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { startJobQueue } from '../src/platform/jobs/job-queue.ts';
import { DELETE_EXPIRED_SESSIONS } from '../src/modules/identity/index.ts';
import { openTestDatabase, TEST_FIELD_KEYS } from './harness.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A separate worker process shares the job queue through PostgreSQL; the
// embedded database belongs to one process, so this runs in the PostgreSQL pass.
describe.runIf(process.env.DATABASE_URL)('npm run worker (a separate process, on PostgreSQL)', () => {
  it('works jobs that the API side enqueues, and stops cleanly on SIGTERM', async () => {
    const database = await openTestDatabase();
    const clock = new ManualClock();
    try {
      await prepareDatabase(database, clock, { demoData: false });
      if (database.jobQueueConnection.engine !== 'postgres') throw new Error('expected PostgreSQL');
      const databaseUrl = database.jobQueueConnection.connectionString;

      // The API side: sends jobs, works none.
      const sender = await startJobQueue({
        connection: database.jobQueueConnection,
        jobs: [{ name: DELETE_EXPIRED_SESSIONS, handler: async () => null }],
        log: pino({ level: 'silent' }),
        work: false,
      });
      const user = await database.db
        .insertInto('app_user')
        .values({
          email: 'worker-test@oscc.example',
          password_hash: null,
          first_name_th: 'ทดสอบ',
          last_name_th: 'ระบบ',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const past = new Date(Date.now() - 3_600_000);
      await database.db
        .insertInto('user_session')
        .values({
          token_hash: 'a'.repeat(64),
          user_id: user.id,
          created_at: past,
          last_seen_at: past,
          expires_at: past,
        })
        .execute();

      const worker = spawn(process.execPath, ['bin/start.mjs', '--worker'], {
        cwd: serverDir,
        env: { ...process.env, ...TEST_FIELD_KEYS, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => worker.on('exit', resolve));

      await sender.send(DELETE_EXPIRED_SESSIONS);
      const deadline = Date.now() + 60_000;
      let remaining = 1;
      while (remaining > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        remaining = (await database.db.selectFrom('user_session').select('token_hash').execute()).length;
      }
      expect(remaining).toBe(0);
      expect(output).toContain('expired sessions deleted');

      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('shutdown complete');
      await sender.stop();
    } finally {
      await database.close();
    }
  }, 120_000);
});
