import { timingSafeEqual } from 'node:crypto';
import { ErrorResponse, HealthResponse, JobQueueStats, LivenessResponse } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { Registry } from 'prom-client';

export interface SystemRouteOptions {
  database: DatabaseHandle;
  jobs: JobQueue | null;
  version: string;
  /** Prometheus' view of this process. */
  metrics: Registry;
  /** The bearer token /metrics asks for; null: open (restrict it in front of the app). */
  metricsToken: string | null;
}

export const systemRoutes: FastifyPluginAsyncZod<SystemRouteOptions> = async (
  app,
  { database, jobs, version, metrics, metricsToken },
) => {
  // Liveness: restart the process only when it no longer answers at all — never because the database is away
  // (a restart would not bring it back, and every replica would restart at once).
  app.get(
    '/livez',
    {
      config: { access: { public: true } }, // orchestrators
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'Liveness: 200 while the process answers; it asks nothing of the database',
        response: { 200: LivenessResponse },
      },
    },
    async () => ({ status: 'ok' as const, version }),
  );

  const readiness = {
    config: { access: { public: true } }, // load balancers and monitors
    logLevel: 'warn',
    schema: {
      tags: ['system'],
      summary:
        'Readiness: 200 when the server and its database answer, 503 when the database does not (or the process is stopping); a read replica that does not answer is shown, not a reason to be unready',
      response: { 200: HealthResponse, 503: HealthResponse },
    },
  } as const;
  for (const url of ['/readyz', '/healthz'])
    app.get(url, readiness, async (_request, reply) => {
      // The primary decides readiness; a read replica that is away costs the reports, not the calls.
      const [up, replica] = await Promise.all([database.ping(), database.pingReadReplica()]);
      const body = {
        status: up ? 'ok' : 'unavailable',
        database: up ? 'up' : 'down',
        readReplica: replica === null ? 'none' : replica ? 'up' : 'down',
        engine: database.engine,
        version,
      } as const;
      return reply.status(up ? 200 : 503).send(body);
    });

  app.get(
    '/metrics',
    {
      config: { access: { public: true } }, // Prometheus; with METRICS_TOKEN set, only with the token
      logLevel: 'warn',
      schema: { hide: true },
    },
    async (request, reply) => {
      if (metricsToken) {
        const given = Buffer.from(request.headers.authorization ?? '');
        const expected = Buffer.from(`Bearer ${metricsToken}`);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('FORBIDDEN');
      }
      const text = await metrics.metrics();
      return reply.type(metrics.contentType).send(text);
    },
  );

  app.get(
    '/api/system/jobs',
    {
      config: { access: { action: 'system.jobs.read' } },
      schema: {
        tags: ['system'],
        summary: 'Background job queues and schedules',
        response: { 200: JobQueueStats, 401: ErrorResponse, 403: ErrorResponse, 503: ErrorResponse },
      },
    },
    async () => {
      if (!jobs) throw new AppError('SERVICE_UNAVAILABLE', { internal: 'job queue not started in this process' });
      return jobs.stats();
    },
  );
};
