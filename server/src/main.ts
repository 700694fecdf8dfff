import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, createServices } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoCases } from './modules/demo/index.ts';
import { alarmJobs, startAlarmRunner } from './modules/alarms/index.ts';
import { reportJobs } from './modules/reports/index.ts';
import { privacyJobs } from './modules/privacy/index.ts';
import { identityJobs } from './modules/identity/index.ts';
import { systemClock } from './platform/clock.ts';
import { openDatabase } from './platform/db/database.ts';
import { startJobQueue, type JobQueue } from './platform/jobs/job-queue.ts';
import { mailJobs } from './platform/mail/mail.jobs.ts';
import { auditJobs } from './platform/audit/audit-chain.ts';
import { createMailer } from './platform/mail/outbox.ts';
import { createSmsSender } from './platform/sms/sms-gateway.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The process: `server` serves HTTP (and, with JOBS=embedded, runs the
 * background jobs too); `worker` runs only the jobs. Both stop gracefully on
 * SIGTERM/SIGINT: stop taking work, finish what is in flight, close the
 * database.
 */
export async function main(mode: 'server' | 'worker'): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, name: `oscc-${mode}` });
  if (config.database.engine === 'pglite' && mode === 'worker') {
    log.error(
      'A separate worker needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process. With PGlite the server runs the jobs itself.',
    );
    process.exit(78);
  }
  const database = await openDatabase(config.database);
  let app: FastifyInstance | null = null;
  let jobs: JobQueue | null = null;
  let alarmRunner: { stop(): Promise<void> } | null = null;
  let stopping = false;

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app?.close();
      await alarmRunner?.stop();
      await jobs?.stop();
      await database.close();
      log.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const prepared = await prepareDatabase(database, systemClock, {
    demoData: mode === 'server' && config.demoData,
    log,
  });
  const runsJobs = mode === 'worker' || config.jobs === 'embedded';
  const mailer = createMailer(config.mail);
  const jobServices = createServices({ config, database, clock: systemClock });
  if (prepared.demo?.seeded && config.demoContacts > 0) {
    const seeded = await seedDemoCases({
      db: database.db,
      clock: systemClock,
      fields: jobServices.fields,
      count: config.demoContacts,
    });
    log.info(seeded, 'demo contacts and cases seeded');
  }
  jobs = await startJobQueue({
    connection: database.jobQueueConnection,
    jobs: [
      ...identityJobs(jobServices.auth),
      ...mailJobs(database.db, mailer, systemClock),
      ...alarmJobs(database.db, systemClock, config.appUrl, config.alarms.digestCron),
      ...reportJobs(database.db, jobServices.reports.subscriptions),
      ...auditJobs(database.db, jobServices.fields.derivedKey('audit-chain'), systemClock),
      ...privacyJobs(database.db, jobServices.fields, systemClock, config.privacy.retentionDefaultYears, config.appUrl),
    ],
    log,
    work: runsJobs,
  });
  if (!config.mail.smtpUrl) {
    log.warn({ dir: config.mail.dir }, 'SMTP_URL is not set: e-mails are written as .eml files instead of being sent');
  }
  log.info({ engine: database.engine, readReplica: database.hasReadReplica, working: runsJobs }, 'job queue started');
  if (runsJobs) {
    // Deadlines are checked every second or so: a cron minute is too coarse for an alarm within 5 seconds.
    alarmRunner = startAlarmRunner({
      db: database.db,
      clock: systemClock,
      senders: { email: mailer, sms: config.sms ? createSmsSender(config.sms) : null, line: config.line },
      appUrl: config.appUrl,
      log,
      intervalMs: config.alarms.checkIntervalMs,
      leaseSeconds: config.alarms.deliveryLeaseSeconds,
    });
  }
  if (mode === 'worker') return;

  app = await buildApp({
    config: { ...config, webDistDir: config.webDistDir ?? path.join(repoRoot, 'web/dist') },
    database,
    clock: systemClock,
    jobs,
  });
  await app.listen({ host: config.host, port: config.port });
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `  OSCC ศูนย์ช่วยเหลือสังคม 1300 is running at ${url}`,
    `  API documentation: ${url}/api/docs`,
    `  Database: ${database.engine === 'pglite' ? `embedded PGlite in ${config.database.engine === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'}${database.hasReadReplica ? ' (reports read from the replica in READ_DATABASE_URL)' : ''}`,
  ];
  if (config.demoData) {
    lines.push(
      '',
      `  Demo sign-ins (password for all: ${DEMO_PASSWORD})${prepared.demo?.seeded ? ' — demo data seeded just now' : ''}:`,
      ...DEMO_ACCOUNTS.map(
        (account) => `    ${account.email.padEnd(28)} ${account.descriptionEn} / ${account.descriptionTh}`,
      ),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
