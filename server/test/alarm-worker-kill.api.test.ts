import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { checkDueDeadlines, deliverAlarmMessages } from '../src/modules/alarms/index.ts';
import { createMailer } from '../src/platform/mail/outbox.ts';
import { createTestApp, signIn } from './harness.ts';

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Several processes share the work only through PostgreSQL (the embedded database belongs to one process).
describe.runIf(process.env.DATABASE_URL)('a worker killed in the middle of a delivery (PostgreSQL)', () => {
  it('loses nothing: after its lease the messages go, each exactly once', async () => {
    const t = await createTestApp();
    const smtp = await startHoldingSmtp();
    try {
      const cookie = await signIn(t.app, 'calltaker@oscc.example');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/intake/contacts',
        headers: { cookie },
        payload: {
          outcome: 'case',
          case: { problemTypes: ['human_trafficking'], location: { areaCode: '700101' }, narrative: 'ถูกบังคับใช้แรงงาน' },
        },
      });
      const caseId = created.json().case.id as string;
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
      await checkDueDeadlines(
        t.database.db,
        { appUrl: 'https://oscc.test', channels: new Set(['in_app', 'email']) },
        t.clock.now(),
      );
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

      // Leased by the dead worker: nobody sends them before the lease ends…
      const leased = await t.database.db
        .selectFrom('alarm_delivery')
        .select(['status', 'attempts'])
        .where(
          'id',
          'in',
          pending.map((row) => row.id),
        )
        .execute();
      expect(leased.every((row) => row.status === 'pending' && row.attempts === 1)).toBe(true);
      smtp.state.holding = false;
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'OSCC <alarms@oscc.test>', dir: '/nonexistent' });
      const senders = { email: mailer, sms: null, line: null };
      expect(await deliverAlarmMessages(t.database.db, senders, t.clock)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      // …and after it, another worker sends every one of them, once.
      t.clock.advanceMinutes(3);
      expect(await deliverAlarmMessages(t.database.db, senders, t.clock)).toEqual({
        sent: pending.length,
        retrying: 0,
        failed: 0,
      });
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
