import { z } from 'zod';

export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['up', 'down']),
    /** The reports' read replica (READ_DATABASE_URL): its state is shown, but readiness is the primary's alone. */
    readReplica: z.enum(['up', 'down', 'none']),
    engine: z.enum(['pglite', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'HealthResponse' });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Liveness: the process answers (its event loop runs); nothing else is asked. */
export const LivenessResponse = z
  .object({ status: z.literal('ok'), version: z.string() })
  .meta({ id: 'LivenessResponse' });
export type LivenessResponse = z.infer<typeof LivenessResponse>;

export const JobQueueStats = z
  .object({
    queues: z.array(
      z.object({
        name: z.string(),
        queued: z.number().int(),
        active: z.number().int(),
        total: z.number().int(),
      }),
    ),
    schedules: z.array(z.object({ name: z.string(), cron: z.string(), timezone: z.string() })),
  })
  .meta({ id: 'JobQueueStats' });
export type JobQueueStats = z.infer<typeof JobQueueStats>;
