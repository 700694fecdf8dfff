/**
 * A worker in a process of its own, for the test that kills one: opens the
 * PostgreSQL database given, sends the alarm messages due at the instant
 * given (its clock stands there), and says so on stdout.
 *   node --import tsx deliver-alarms.ts <database url> <smtp url> <ISO instant>
 */
import { deliverAlarmMessages } from '../../src/modules/alarms/index.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createMailer } from '../../src/platform/mail/outbox.ts';

const [url, smtpUrl, at] = process.argv.slice(2);
if (!url || !smtpUrl || !at) throw new Error('usage: deliver-alarms.ts <database url> <smtp url> <ISO instant>');
const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
const mailer = createMailer({ smtpUrl, from: 'OSCC <alarms@oscc.test>', dir: '/nonexistent' });
process.stdout.write('delivering\n');
const outcome = await deliverAlarmMessages(
  database.db,
  { email: mailer, sms: null, line: null },
  { now: () => new Date(at) },
  { leaseSeconds: 120 },
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
mailer.close();
await database.close();
