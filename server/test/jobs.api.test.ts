import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/app.ts';
import { DELETE_EXPIRED_SESSIONS, identityJobs } from '../src/modules/identity/index.ts';
import { startJobQueue, type JobQueue } from '../src/platform/jobs/job-queue.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
let jobs: JobQueue;

beforeAll(async () => {
  t = await createTestApp();
  const services = createServices({ config: t.config, database: t.database, clock: t.clock });
  jobs = await startJobQueue({
    connection: t.database.jobQueueConnection,
    jobs: identityJobs(services.auth),
    log: pino({ level: 'silent' }),
    work: true,
    pollingIntervalSeconds: 0.5,
  });
});
afterAll(async () => {
  await jobs.stop();
  await t.close();
});

/** Polls until the condition holds: waits for the worker, not for the clock. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sessionCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('user_session')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('background jobs (pg-boss on the same database)', () => {
  it('schedules the expired-session clean-up every 15 minutes, Bangkok time', async () => {
    const stats = await jobs.stats();
    expect(stats.schedules).toContainEqual({
      name: DELETE_EXPIRED_SESSIONS,
      cron: '*/15 * * * *',
      timezone: 'Asia/Bangkok',
    });
    expect(stats.queues.map((queue) => queue.name)).toContain(DELETE_EXPIRED_SESSIONS);
  });

  it('the clean-up job deletes expired sessions and keeps live ones', async () => {
    await signIn(t.app, 'officer@oscc.example');
    t.clock.advanceHours(13); // the first session is now expired
    const live = await signIn(t.app, 'calltaker@oscc.example');
    expect(await sessionCount()).toBe(2);

    await jobs.send(DELETE_EXPIRED_SESSIONS);
    await eventually(async () => (await sessionCount()) === 1);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie: live } })).statusCode).toBe(200);
  });

  it('is visible to administrators through the API', async () => {
    const withJobs = await createTestApp({ jobs });
    try {
      const admin = await signIn(withJobs.app, 'admin@oscc.example');
      const response = await withJobs.app.inject({ url: '/api/system/jobs', headers: { cookie: admin } });
      expect(response.statusCode).toBe(200);
      expect(response.json().queues.map((q: { name: string }) => q.name)).toContain(DELETE_EXPIRED_SESSIONS);
    } finally {
      await withJobs.close();
    }
  });
});
