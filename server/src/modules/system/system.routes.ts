import { ErrorResponse, HealthResponse, JobQueueStats } from '@oscc/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';

export interface SystemRouteOptions {
  database: DatabaseHandle;
  jobs: JobQueue | null;
  version: string;
}

export const systemRoutes: FastifyPluginAsyncZod<SystemRouteOptions> = async (app, { database, jobs, version }) => {
  app.get(
    '/healthz',
    {
      config: { access: { public: true } }, // load balancers and monitors
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: '200 when the server and its database answer, 503 when the database does not',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const up = await database.ping();
      const body = {
        status: up ? 'ok' : 'unavailable',
        database: up ? 'up' : 'down',
        engine: database.engine,
        version,
      } as const;
      return reply.status(up ? 200 : 503).send(body);
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
