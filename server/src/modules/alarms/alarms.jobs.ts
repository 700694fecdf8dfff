import type { AlarmChannel } from '@oscc/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { deliverAlarmMessages, sendAlarmDigests, type AlarmSenders } from './delivery.ts';
import { checkDueDeadlines } from './engine.ts';

export const SEND_ALARM_DIGESTS = 'alarms.send-digests';

export interface AlarmRunnerOptions {
  db: Kysely<Database>;
  clock: Clock;
  senders: AlarmSenders;
  appUrl: string;
  log: FastifyBaseLogger;
  /** Milliseconds between passes (ALARM_CHECK_INTERVAL_MS). */
  intervalMs: number;
  leaseSeconds: number;
}

/** The outside channels a sender set can carry. */
export function channelsOf(senders: AlarmSenders): Set<AlarmChannel> {
  const channels = new Set<AlarmChannel>(['in_app', 'email']);
  if (senders.sms) channels.add('sms');
  if (senders.line) channels.add('line');
  return channels;
}

/**
 * The alarm loops of a worker (or of the server with embedded jobs): every
 * `intervalMs`, one checks the deadlines that came due, and — on its own
 * timer, so a slow mail server never holds up a check — the other sends the
 * messages waiting. A cron job's minute is too coarse for "within 5
 * seconds", so these are loops of their own; several workers may run them —
 * SKIP LOCKED shares the work. A pass that fails is logged and the loop goes
 * on; stopping lets the pass in hand finish its batch.
 */
export function startAlarmRunner(options: AlarmRunnerOptions) {
  const { db, clock, senders, log } = options;
  const settings = { appUrl: options.appUrl, channels: channelsOf(senders) };
  let stopped = false;

  function loop(name: string, pass: () => Promise<void>) {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | null = null;
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = pass()
          .catch((error: unknown) => log.error({ err: error }, `alarm ${name} failed`))
          .finally(() => {
            running = null;
            schedule();
          });
      }, options.intervalMs);
    };
    schedule();
    return async () => {
      clearTimeout(timer);
      await running;
    };
  }

  const stopChecking = loop('check', async () => {
    const checked = await checkDueDeadlines(db, settings, clock.now(), {
      log: (error, deadlineId) => log.error({ err: error, deadlineId }, 'alarm check failed for a deadline'),
      shouldStop: () => stopped,
    });
    if (checked.raised || checked.failed) log.info(checked, 'alarm check');
  });
  const stopDelivering = loop('delivery', async () => {
    const delivered = await deliverAlarmMessages(db, senders, clock, { leaseSeconds: options.leaseSeconds });
    if (delivered.sent || delivered.retrying || delivered.failed) log.info(delivered, 'alarm messages');
  });

  return {
    async stop() {
      stopped = true;
      await Promise.all([stopChecking(), stopDelivering()]);
    },
  };
}

/** The executives' digest, on its schedule (ALARM_DIGEST_CRON). */
export function alarmJobs(db: Kysely<Database>, clock: Clock, appUrl: string, digestCron: string): JobDefinition[] {
  return [
    {
      name: SEND_ALARM_DIGESTS,
      cron: digestCron,
      async handler(log) {
        const outcome = await sendAlarmDigests(db, clock, appUrl);
        if (outcome.digests) log.info(outcome, 'alarm digests queued');
        return outcome;
      },
    },
  ];
}
