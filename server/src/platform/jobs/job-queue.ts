import { PgBoss, fromPglite } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { BANGKOK_TIME_ZONE } from '@oscc/contract';
import type { JobQueueConnection } from '../db/database.ts';

/** A background job a module offers: a handler and, optionally, a schedule. */
export interface JobDefinition {
  name: string;
  /** Cron in Asia/Bangkok time; omit for jobs that are only sent. */
  cron?: string;
  handler(log: FastifyBaseLogger, data: unknown): Promise<unknown>;
}

export interface JobQueue {
  /** Enqueue one job; returns its id. */
  send(name: string, data?: object): Promise<string | null>;
  /** Queue counts and schedules, for administrators. */
  stats(): Promise<{
    queues: { name: string; queued: number; active: number; total: number }[];
    schedules: { name: string; cron: string; timezone: string }[];
  }>;
  /** Stops taking new jobs, lets running ones finish (up to the timeout), closes. */
  stop(): Promise<void>;
  readonly working: boolean;
}

export interface JobQueueOptions {
  connection: JobQueueConnection;
  jobs: JobDefinition[];
  log: FastifyBaseLogger;
  /** Run workers and schedules in this process (the API server in embedded mode, or `npm run worker`). */
  work: boolean;
  /** Seconds between polls when a worker finds nothing (default 2). */
  pollingIntervalSeconds?: number;
}

/**
 * pg-boss: a queue in the same PostgreSQL (or PGlite) database, so a job is
 * enqueued in the same place as the data it is about, survives restarts, and
 * is claimed by exactly one worker (SKIP LOCKED) however many run.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { connection, jobs, log, work } = options;
  const boss =
    connection.engine === 'pglite'
      ? new PgBoss({ db: fromPglite(connection.pglite), backend: 'pglite', schedule: work, supervise: work })
      : new PgBoss({
          connectionString: connection.connectionString,
          max: connection.poolSize,
          schedule: work,
          supervise: work,
          application_name: 'oscc-jobs',
        });
  boss.on('error', (error: Error) => log.error({ err: error }, 'job queue error'));
  await boss.start();

  for (const job of jobs) {
    await boss.createQueue(job.name, { retryLimit: 5, retryDelay: 30, retryBackoff: true });
  }
  if (work) {
    for (const job of jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (batch) => {
        for (const item of batch) {
          const jobLog = log.child({ job: job.name, jobId: item.id });
          await job.handler(jobLog, item.data);
        }
      });
      if (job.cron) await boss.schedule(job.name, job.cron, null, { tz: BANGKOK_TIME_ZONE });
    }
  }

  let stopped = false;
  return {
    working: work,
    send: (name, data) => boss.send(name, data ?? null),
    async stats() {
      const queues = await boss.getQueues(jobs.map((job) => job.name));
      const schedules = await boss.getSchedules();
      return {
        queues: queues.map((queue) => ({
          name: queue.name,
          queued: queue.queuedCount,
          active: queue.activeCount,
          total: queue.totalCount,
        })),
        schedules: schedules.map((schedule) => ({
          name: schedule.name,
          cron: schedule.cron,
          timezone: schedule.timezone,
        })),
      };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}
