import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../../database-schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

/**
 * Prometheus metrics of one process: Node's own (memory, event-loop lag,
 * GC), every HTTP answer by route *pattern* and status (never a URL: it can
 * hold a phone number), and — read from the database when scraped — what
 * the system has waiting: open deadlines and alarms, e-mails in the outbox,
 * alarm messages to deliver, audit events not yet sealed, queued jobs.
 * Counts only; nothing about anyone.
 */
export function createMetrics(
  app: FastifyInstance,
  db: Kysely<Database>,
  jobs: JobQueue | null,
  /** The read replica (READ_DATABASE_URL), or null. */
  readReplica: Kysely<Database> | null = null,
): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'oscc' });
  collectDefaultMetrics({ register: registry, prefix: 'oscc_' });

  const duration = new Histogram({
    name: 'oscc_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'oscc_http_server_errors_total',
    help: 'Answers with a 5xx status, by route pattern',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // Unrouted requests (404s of any path) share one label, so a scanner cannot blow up the series.
    const route = request.routeOptions.url ?? 'unrouted';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });

  const waiting = new Gauge({
    name: 'oscc_waiting',
    help: 'Work the system has waiting, by kind (read from the database at each scrape)',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      const row = await sql<Record<string, number>>`select
          (select count(*)::int from deadline where status = 'open') as open_deadlines,
          (select count(*)::int from deadline where status = 'open' and breached_at is not null) as overdue_deadlines,
          (select count(*)::int from alarm where resolved_at is null and acknowledged_at is null) as unacknowledged_alarms,
          (select count(*)::int from alarm_delivery where status = 'pending') as pending_alarm_messages,
          (select count(*)::int from outbound_email where status = 'pending') as pending_emails,
          (select count(*)::int from audit_event where chain_seq is null) as unsealed_audit_events,
          (select count(*)::int from case_report_delta) as unfolded_report_changes`.execute(db);
      for (const [kind, value] of Object.entries(row.rows[0] ?? {})) this.set({ kind }, Number(value));
    },
  });
  void waiting;

  if (jobs)
    new Gauge({
      name: 'oscc_jobs',
      help: 'Background jobs by queue and state (queued, active)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        const stats = await jobs.stats();
        for (const queue of stats.queues) {
          this.set({ queue: queue.name, state: 'queued' }, queue.queued);
          this.set({ queue: queue.name, state: 'active' }, queue.active);
        }
      },
    });
  if (readReplica) {
    // Each gauge asks for itself: the registry reads them independently (in parallel) at each scrape.
    new Gauge({
      name: 'oscc_read_replica_up',
      help: 'Whether the read replica the reports use answers (1) or not (0); the API stays ready either way',
      registers: [registry],
      async collect() {
        const answered = await sql`select 1`.execute(readReplica).then(
          () => true,
          () => false,
        );
        this.set(answered ? 1 : 0);
      },
    });
    new Gauge({
      name: 'oscc_read_replica_lag_seconds',
      help: 'How far the read replica is behind: time since the last transaction it replayed, 0 when it has replayed everything it received (absent while it does not answer)',
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const { rows } = await sql<{ lag: number }>`select case
              when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
              else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end::float8 as lag`.execute(
            readReplica,
          );
          this.set(Number(rows[0]?.lag ?? 0));
        } catch {
          // Not answering: oscc_read_replica_up says so; no lag to report.
        }
      },
    });
  }
  return registry;
}
