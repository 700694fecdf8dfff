import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { checkDueDeadlines, deliverAlarmMessages, type AlarmSenders } from '../src/modules/alarms/index.ts';
import { createMailer } from '../src/platform/mail/outbox.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'support/deliver-alarms.ts');

/**
 * A real SMTP server that, while `holding`, takes a message's data and never
 * answers — the moment a worker is in the middle of a delivery — and
 * otherwise accepts and keeps each message.
 */
async function startHoldingSmtp() {
  const received: { to: string; messageId: string }[] = [];
  const state = { holding: true, held: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (state.holding) {
        state.held += 1;
        stream.resume(); // read it all, answer never
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          received.push({ to, messageId: mail.messageId ?? '' });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // The killed worker's connection resets: without a listener that error would end the whole test run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A new case taken on the hotline by the demo call taker; with the call taker's session. */
async function newCase(t: TestApp, problemType: string, narrative: string) {
  const cookie = await signIn(t.app, 'calltaker@oscc.example');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie },
    payload: { outcome: 'case', case: { problemTypes: [problemType], location: { areaCode: '700101' }, narrative } },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { caseId: created.json().case.id as string, cookie };
}

/** The alarm checker at the test clock's instant, alarms in the app and by e-mail. */
const checkNow = (t: TestApp) =>
  checkDueDeadlines(
    t.database.db,
    { appUrl: 'https://oscc.test', channels: new Set(['in_app', 'email']) },
    t.clock.now(),
  );

// Several processes share the work only through PostgreSQL (the embedded database belongs to one process).
describe.runIf(process.env.DATABASE_URL)('a worker killed in the middle of a delivery (PostgreSQL)', () => {
  it('loses nothing: the others go at once, the one in flight after its lease, each exactly once', async () => {
    const t = await createTestApp();
    const smtp = await startHoldingSmtp();
    try {
      const { caseId, cookie } = await newCase(t, 'human_trafficking', 'ถูกบังคับใช้แรงงาน');
      const station = await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี')
        .executeTakeFirstOrThrow();
      const referral = (
        await t.app.inject({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          headers: { cookie },
          payload: { unitId: station.id, kind: 'lead' },
        })
      ).json() as { dueAt: string };
      t.clock.set(referral.dueAt);
      await checkNow(t);
      const pending = await t.database.db
        .selectFrom('alarm_delivery')
        .select('id')
        .where('status', '=', 'pending')
        .execute();
      expect(pending.length).toBeGreaterThanOrEqual(4);

      // The worker takes the messages and is killed while the mail server holds the first one.
      if (t.database.jobQueueConnection.engine !== 'postgres') throw new Error('expected PostgreSQL');
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          script,
          t.database.jobQueueConnection.connectionString,
          smtp.url,
          t.clock.now().toISOString(),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const started = Date.now();
      while (smtp.state.held === 0) {
        if (Date.now() - started > 60_000) throw new Error(`the worker never reached the mail server:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(output).not.toContain('"sent"');

      // Only the message in flight was leased by the dead worker (each is leased just before its own send): the
      // others are still waiting, untouched.
      const leased = await t.database.db
        .selectFrom('alarm_delivery')
        .select(['id', 'status', 'attempts'])
        .where(
          'id',
          'in',
          pending.map((row) => row.id),
        )
        .execute();
      expect(leased.every((row) => row.status === 'pending')).toBe(true);
      const inFlight = leased.filter((row) => row.attempts === 1);
      expect(inFlight).toHaveLength(1);
      expect(leased.filter((row) => row.attempts === 0)).toHaveLength(pending.length - 1);
      smtp.state.holding = false;
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'OSCC <alarms@oscc.test>', dir: '/nonexistent' });
      const senders = { email: mailer, sms: null, line: null };
      // Another worker sends the others at once; the one in flight waits for its lease to end…
      expect(await deliverAlarmMessages(t.database.db, senders, t.clock)).toEqual({
        sent: pending.length - 1,
        retrying: 0,
        failed: 0,
      });
      expect(smtp.received.map((mail) => mail.messageId)).not.toContain(`<alarm-${inFlight[0]!.id}@oscc>`);
      // …and after it, goes too: every message once.
      t.clock.advanceMinutes(3);
      expect(await deliverAlarmMessages(t.database.db, senders, t.clock)).toEqual({ sent: 1, retrying: 0, failed: 0 });
      t.clock.advanceMinutes(60);
      await deliverAlarmMessages(t.database.db, senders, t.clock);
      mailer.close();
      expect(smtp.received).toHaveLength(pending.length);
      expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(pending.length);
      const after = await t.database.db
        .selectFrom('alarm_delivery')
        .select('status')
        .where(
          'id',
          'in',
          pending.map((row) => row.id),
        )
        .execute();
      expect(after.every((row) => row.status === 'sent')).toBe(true);
    } finally {
      await smtp.stop();
      await t.close();
    }
  });
});

/**
 * Found by server/test/scale-out.api.test.ts: a pass used to lease its whole batch (up to 50 messages) at once and
 * send them one after another; once the batch outlasted the lease, another worker leased the rest again and both
 * sent them. Each message is now leased just before its own send. Here every send of worker A takes a minute (of
 * the test's clock), so its batch of several messages outlasts the two-minute lease while worker B makes its pass.
 */
describe('a worker slower than its lease, beside another (both engines)', () => {
  it('sends every alarm message once', async () => {
    const t = await createTestApp();
    try {
      await newCase(t, 'domestic_violence', 'ถูกทำร้ายที่บ้าน');
      // No first contact within 24 hours: the no-service alarm e-mails the unit, its head and the province.
      t.clock.advanceMinutes(24 * 60 + 1);
      await checkNow(t);
      const pending = await t.database.db
        .selectFrom('alarm_delivery')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', '=', 'email')
        .execute();
      expect(pending.length).toBeGreaterThanOrEqual(3);

      const sent: { by: string; messageId: string }[] = [];
      const worker = (by: string, send: () => Promise<void>): AlarmSenders => ({
        email: {
          send: async (message) => {
            await send();
            sent.push({ by, messageId: message.messageId ?? '' });
          },
          close: () => undefined,
        },
        sms: null,
        line: null,
      });
      const workerB = worker('B', async () => undefined);
      let sends = 0;
      const workerA = worker('A', async () => {
        t.clock.advanceMinutes(1); // a slow mail server: a minute a message
        sends += 1;
        if (sends === 2) await deliverAlarmMessages(t.database.db, workerB, t.clock, { leaseSeconds: 120 });
      });
      await deliverAlarmMessages(t.database.db, workerA, t.clock, { leaseSeconds: 120 });

      expect(sent.map((s) => s.messageId).sort()).toEqual(pending.map((p) => `<alarm-${p.id}@oscc>`).sort());
      // Both did some of the work: B took what A had not leased yet, A skipped what B had sent.
      expect(new Set(sent.map((s) => s.by))).toEqual(new Set(['A', 'B']));
      const rows = await t.database.db
        .selectFrom('alarm_delivery')
        .select(['status', 'attempts', 'lease_token'])
        .where(
          'id',
          'in',
          pending.map((p) => p.id),
        )
        .execute();
      expect(rows.every((row) => row.status === 'sent' && row.attempts === 1 && row.lease_token === null)).toBe(true);

      // A send that hangs is given up after half its lease, and that message is not tried again before its lease
      // ends: the hanging send might still arrive.
      t.clock.advanceMinutes(24 * 60);
      await checkNow(t);
      const hanging = worker('C', () => new Promise<void>(() => undefined));
      const before = t.clock.now().getTime();
      const outcome = await deliverAlarmMessages(t.database.db, hanging, t.clock, {
        leaseSeconds: 120,
        sendTimeoutMs: 300,
        batchSize: 1,
      });
      expect(outcome).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const given = await t.database.db
        .selectFrom('alarm_delivery')
        .select(['status', 'next_attempt_at', 'last_error'])
        .where('attempts', '=', 1)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      expect(given.last_error).toMatch(/no answer within/);
      // After the lease (120 s), not after the back-off of a refused send (30 s).
      expect(new Date(given.next_attempt_at!).getTime()).toBe(before + 120_000);
    } finally {
      await t.close();
    }
  });
});
