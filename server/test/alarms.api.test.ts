import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkDueDeadlines,
  deliverAlarmMessages,
  sendAlarmDigests,
  type AlarmSenders,
} from '../src/modules/alarms/index.ts';
import { addWorkingMinutes, workingMinutesBetween } from '../src/platform/calendar/business-time.ts';
import { holidaysFor } from '../src/platform/calendar/holidays.ts';
import { loadOfficeHours } from '../src/platform/calendar/office-hours.ts';
import { createMailer } from '../src/platform/mail/outbox.ts';
import { createSmsSender } from '../src/platform/sms/sms-gateway.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';
import { startSmtpSink } from './smtp-sink.ts';

/**
 * The alarm system with a clock that only moves when told: deadlines for
 * every open clock, the warning and the breach, every level of the ladder,
 * repeats until acknowledged, messages over a real SMTP server, an SMS
 * gateway and LINE played by local HTTP servers — down, then up again:
 * nothing lost, nothing sent twice.
 */
let t: TestApp;
const calltaker = 'calltaker@oscc.example';
const police = 'police@oscc.example';
const policeHead = 'policehead@oscc.example';
const coordinator = 'coordinator@oscc.example';
const executive = 'executive@oscc.example';
const admin = 'admin@oscc.example';
const socialworker = 'socialworker@oscc.example';
const LINE_SECRET = 'line-secret-for-alarm-tests';
const HOUR = 3_600_000;
let station: string;
let shelter: string;
let office: string; // MSDHS-PO-70: government office hours, closed on public holidays

type Smtp = Awaited<ReturnType<typeof startSmtpSink>>;
let smtp: Smtp | null = null;
let smtpPort = 0;
let sms: Server;
let smsUp = true;
const smsReceived: { to: string; text: string; auth: string | undefined }[] = [];
let line: Server;
const linePushes: { to: string; text: string }[] = [];
let senders: AlarmSenders;
const settings = {
  appUrl: 'https://oscc.test',
  channels: new Set(['in_app', 'email', 'sms', 'line'] as const),
};

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  smtpPort = smtp.port;
  sms = createServer((request: IncomingMessage, response: ServerResponse) => {
    void body(request).then((text) => {
      if (!smsUp) return void response.writeHead(503).end('down');
      const parsed = JSON.parse(text) as { to: string; text: string };
      smsReceived.push({ to: parsed.to, text: parsed.text, auth: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  line = createServer((request: IncomingMessage, response: ServerResponse) => {
    void body(request).then((text) => {
      const parsed = JSON.parse(text) as { to: string; messages: { text: string }[] };
      linePushes.push({ to: parsed.to, text: parsed.messages[0]!.text });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const [smsPort, linePort] = await Promise.all([listen(sms), listen(line)]);
  t = await createTestApp({
    env: {
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
      LINE_API_URL: `http://127.0.0.1:${linePort}`,
      PUBLIC_URL: 'https://oscc.test',
    },
  });
  senders = {
    email: createMailer({ smtpUrl: smtp.url, from: 'OSCC <alarms@oscc.test>', dir: '/nonexistent' }),
    sms: createSmsSender({
      url: `http://127.0.0.1:${smsPort}/send`,
      token: 'sms-token',
      provider: 'json',
      sender: 'OSCC1300',
    }),
    line: t.config.line,
  };
  const units = await t.database.db
    .selectFrom('unit')
    .select(['id', 'code', 'name_th'])
    .where((eb) =>
      eb.or([
        eb('code', '=', 'MSDHS-SHELTER-70'),
        eb('code', '=', 'MSDHS-PO-70'),
        eb('name_th', '=', 'สถานีตำรวจภูธรเมืองราชบุรี'),
      ]),
    )
    .execute();
  office = units.find((u) => u.code === 'MSDHS-PO-70')!.id;
  shelter = units.find((u) => u.code === 'MSDHS-SHELTER-70')!.id;
  station = units.find((u) => u.name_th === 'สถานีตำรวจภูธรเมืองราชบุรี')!.id;
  // The superintendent has a mobile number: SMS reaches him.
  await t.database.db.updateTable('app_user').set({ mobile: '0812345678' }).where('email', '=', policeHead).execute();
});
afterAll(async () => {
  senders.email.close();
  await t.close();
  await smtp?.stop();
  await new Promise((resolve) => sms.close(resolve));
  await new Promise((resolve) => line.close(resolve));
});
beforeEach(() => {
  smsUp = true;
});

const sessions = new Map<string, { cookie: string; at: number }>();
async function cookieOf(email: string): Promise<string> {
  const held = sessions.get(email);
  if (held && t.clock.now().getTime() - held.at < 10 * 60_000) return held.cookie;
  const cookie = await signIn(t.app, email);
  sessions.set(email, { cookie, at: t.clock.now().getTime() });
  return cookie;
}
const post = async (who: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: await cookieOf(who) }, payload });
const get = async (who: string, url: string) => t.app.inject({ url, headers: { cookie: await cookieOf(who) } });
const check = () => checkDueDeadlines(t.database.db, settings, t.clock.now());
const deliver = () => deliverAlarmMessages(t.database.db, senders, t.clock, { leaseSeconds: 60, batchSize: 1000 });

async function newCase(problem = 'human_trafficking', crisis = false) {
  const response = await post(calltaker, '/api/intake/contacts', {
    outcome: 'case',
    case: {
      problemTypes: [problem],
      crisis,
      location: { areaCode: '700101' },
      narrative: 'ผู้เสียหายถูกบังคับให้ทำงาน ไม่ได้รับค่าจ้าง',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().case.id as string;
}

async function refer(caseId: string, unitId: string) {
  const response = await post(calltaker, `/api/cases/${caseId}/referrals`, { unitId, kind: 'lead' });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; dueAt: string; version: number };
}

const caseNumberOf = async (caseId: string) =>
  (await t.database.db.selectFrom('case_file').select('case_number').where('id', '=', caseId).executeTakeFirstOrThrow())
    .case_number;

const deadlines = (caseId: string) =>
  t.database.db.selectFrom('deadline').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();

/** Who got what for one deadline: "level/round channel email" for each message, sorted. */
async function messages(deadlineId: string, filter: { level?: number; round?: number } = {}) {
  let query = t.database.db
    .selectFrom('alarm_delivery')
    .innerJoin('app_user', 'app_user.id', 'alarm_delivery.recipient_user_id')
    .select([
      'alarm_delivery.level',
      'alarm_delivery.round',
      'alarm_delivery.channel',
      'alarm_delivery.status',
      'app_user.email',
    ])
    .where('alarm_delivery.deadline_id', '=', deadlineId);
  if (filter.level !== undefined) query = query.where('alarm_delivery.level', '=', filter.level);
  if (filter.round !== undefined) query = query.where('alarm_delivery.round', '=', filter.round);
  const rows = await query.execute();
  return rows.map((row) => `${row.level}/${row.round} ${row.channel} ${row.email}`).sort();
}

describe('the business calendar', () => {
  // First in the file: the test's clock only moves forward, and this one needs a particular week.
  it('counts a business-clock step across a holiday weekend, and warns on a working day', async () => {
    // Friday 4 Dec 2026, 10:00 Bangkok: Saturday 5 Dec (King Bhumibol's birthday), Sunday, and Monday 7 Dec (its
    // substitution day) are closed; so is Thursday 10 Dec (Constitution Day).
    t.clock.set('2026-12-04T03:00:00.000Z');
    const caseId = await newCase('poverty');
    const referral = await refer(caseId, office);
    expect((await post(socialworker, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const contact = await post(socialworker, `/api/cases/${caseId}/notes`, {
      kind: 'contact',
      body: 'โทรศัพท์ติดต่อแล้ว',
      contactMethod: 'phone',
    });
    expect(contact.statusCode).toBe(201);
    const step = (await deadlines(caseId)).find(
      (row) => row.kind === 'step' && row.status === 'open' && row.clock === 'business',
    );
    expect(step).toBeDefined();
    const hours = await loadOfficeHours(t.database.db, office);
    const started = new Date(step!.started_at);
    const holidays = await holidaysFor(t.database.db, started, 'business', hours);
    expect(holidays.has('2026-12-07')).toBe(true);
    const total = workingMinutesBetween(started, new Date(step!.due_at), hours, holidays);
    const warn = new Date(step!.warn_at);
    expect(warn.getTime()).toBe(addWorkingMinutes(started, Math.floor(total * 0.75), hours, holidays).getTime());
    // The warning falls on a working day (Mon–Fri, not a holiday) inside opening hours.
    const local = new Date(warn.getTime() + 7 * HOUR);
    expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
    expect(holidays.has(local.toISOString().slice(0, 10))).toBe(false);
    // Not one minute early; on time to the minute.
    t.clock.set(new Date(warn.getTime() - 60_000));
    await check();
    expect(await messagesOf(step!.id)).toBe(0);
    t.clock.set(warn);
    await check();
    // The warning goes to the social worker who accepted the case for the office.
    const warned = await t.database.db
      .selectFrom('alarm_delivery')
      .innerJoin('app_user', 'app_user.id', 'alarm_delivery.recipient_user_id')
      .select(['app_user.email', 'alarm_delivery.channel', 'alarm_delivery.level'])
      .where('deadline_id', '=', step!.id)
      .execute();
    expect(warned.map((row) => `${row.level} ${row.channel} ${row.email}`).sort()).toEqual([
      `0 email ${socialworker}`,
      `0 in_app ${socialworker}`,
    ]);
  });
});

describe('deadlines', () => {
  it('run for the first contact (24 h from intake), each referral and each running step — and stop when met', async () => {
    const start = t.clock.now().getTime();
    const caseId = await newCase();
    let rows = await deadlines(caseId);
    expect(rows.map((row) => [row.kind, row.alarm, row.status])).toEqual([['first_contact', 'no_service', 'open']]);
    expect(new Date(rows[0]!.due_at).getTime()).toBe(start + 24 * HOUR);
    // The warning at three quarters of the time frame.
    expect(new Date(rows[0]!.warn_at).getTime()).toBe(start + 18 * HOUR);
    expect(new Date(rows[0]!.next_check_at!).getTime()).toBe(start + 18 * HOUR);

    const referral = await refer(caseId, station);
    rows = await deadlines(caseId);
    expect(rows.map((row) => [row.kind, row.status, row.unit_id])).toEqual([
      ['first_contact', 'open', station],
      ['referral', 'open', station],
    ]);
    expect(new Date(rows[1]!.due_at).toISOString()).toBe(referral.dueAt);

    // Accepted: the referral's clock stops (met); the next step's starts, pinned to the case's procedure.
    t.clock.advanceMinutes(30);
    expect((await post(police, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    rows = await deadlines(caseId);
    expect(rows.map((row) => [row.kind, row.step_code, row.status, row.result])).toEqual([
      ['first_contact', null, 'open', null],
      ['referral', 'accept_referral', 'met', 'met'],
      ['step', 'temporary_protection', 'open', null],
    ]);
    const kase = await t.database.db
      .selectFrom('case_file')
      .select('procedure_version_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(rows[2]!.procedure_version_id).toBe(kase.procedure_version_id);

    // The first contact (temporary protection) ends both the 24-hour clock and the step's.
    t.clock.advanceMinutes(60);
    const note = await post(police, `/api/cases/${caseId}/notes`, {
      kind: 'contact',
      body: 'เยี่ยมบ้าน พบผู้เสียหายปลอดภัย',
      contactMethod: 'home_visit',
    });
    expect(note.statusCode).toBe(201);
    rows = await deadlines(caseId);
    expect(rows.map((row) => [row.kind, row.step_code, row.status, row.result])).toEqual([
      ['first_contact', null, 'met', 'met'],
      ['referral', 'accept_referral', 'met', 'met'],
      ['step', 'temporary_protection', 'met', 'met'],
      ['step', 'victim_identification', 'open', null],
    ]);
    // Nothing of this case was due: no alarm at all.
    await check();
    for (const row of rows) expect(await messages(row.id)).toEqual([]);
  });

  it('follow a transfer to another unit: the old clock is answered, the new unit has its own', async () => {
    const caseId = await newCase();
    const referral = await refer(caseId, station);
    t.clock.advanceMinutes(10);
    const moved = await post(police, `/api/referrals/${referral.id}/transfer`, {
      version: 1,
      toUnitId: shelter,
      reason: 'เป็นงานของบ้านพักเด็กและครอบครัว',
    });
    expect(moved.statusCode).toBe(200);
    const rows = await deadlines(caseId);
    expect(rows.map((row) => [row.kind, row.status, row.unit_id])).toEqual([
      ['first_contact', 'open', shelter],
      ['referral', 'met', station],
      ['referral', 'open', shelter],
    ]);
  });
});

describe('the ladder', () => {
  it('warns, breaches and climbs level by level to the right people, repeating until acknowledged', async () => {
    const caseId = await newCase();
    const referral = await refer(caseId, station);
    const due = new Date(referral.dueAt).getTime();
    const sent = t.clock.now().getTime();
    const warnAt = sent + Math.floor((due - sent) * 0.75);
    const watched = (await deadlines(caseId)).find((row) => row.kind === 'referral')!.id;

    // Just before the warning: nothing.
    t.clock.set(new Date(warnAt - 60_000));
    await check();
    expect(await messages(watched)).toEqual([]);

    // The warning goes to those who hold the work (the station's staff), in the app and by e-mail.
    t.clock.set(new Date(warnAt));
    await check();
    expect(await messages(watched)).toEqual([
      `0/1 email ${police}`,
      `0/1 email ${policeHead}`,
      `0/1 in_app ${police}`,
      `0/1 in_app ${policeHead}`,
    ]);
    // Checking again at the same moment writes nothing more.
    expect(await check()).toMatchObject({ raised: 0 });
    expect(await messages(watched)).toHaveLength(4);

    // The referral is late: breached (recorded once), level 1 to the staff and the head by every channel they have.
    t.clock.set(new Date(due));
    await check();
    const [, referralDeadline] = await deadlines(caseId);
    expect(referralDeadline).toMatchObject({ result: 'breached', level: 1 });
    expect(new Date(referralDeadline!.breached_at!).getTime()).toBe(due);
    expect(await messages(watched, { level: 1 })).toEqual([
      `1/1 email ${police}`,
      `1/1 email ${policeHead}`,
      `1/1 in_app ${police}`,
      `1/1 in_app ${policeHead}`,
      `1/1 sms ${policeHead}`,
    ]);

    // An hour on, nobody acknowledged: level 1 again (round 2).
    t.clock.set(new Date(due + HOUR));
    await check();
    expect(await messages(watched, { level: 1, round: 2 })).toHaveLength(5);

    // The head acknowledges with a note: level 1 stops repeating.
    const alarms = (await (await get(policeHead, '/api/alarms/mine')).json()) as {
      items: { id: string; level: number; caseId: string; deadlineKind: string }[];
    };
    const level1 = alarms.items.find(
      (item) => item.caseId === caseId && item.level === 1 && item.deadlineKind === 'referral',
    )!;
    const ack = await post(policeHead, `/api/alarms/${level1.id}/acknowledge`, { note: 'สั่งการให้รับเรื่องแล้ว' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      acknowledgedByMe: true,
      acknowledgements: [{ note: 'สั่งการให้รับเรื่องแล้ว', user: { displayName: expect.any(String) } }],
    });
    // Someone it was not sent to cannot acknowledge it.
    expect((await post(executive, `/api/alarms/${level1.id}/acknowledge`, {})).statusCode).toBe(404);

    // Two hours after the breach: the province (its own province's coordinator only), by app, e-mail, SMS.
    t.clock.set(new Date(due + 2 * HOUR));
    await check();
    expect(await messages(watched, { level: 1, round: 3 })).toEqual([]);
    expect(await messages(watched, { level: 2 })).toEqual([`2/1 email ${coordinator}`, `2/1 in_app ${coordinator}`]);

    // A day after: the ministry's executives of the police's ministry (none in the demo — the MSDHS executive
    // does not see police cases) and the central desk.
    t.clock.set(new Date(due + 24 * HOUR));
    await check();
    expect(await messages(watched, { level: 3 })).toEqual([`3/1 email ${admin}`, `3/1 in_app ${admin}`]);
    // The central desk's e-mail waits for its digest.
    expect(
      (
        await t.database.db
          .selectFrom('alarm_delivery')
          .select('status')
          .where('deadline_id', '=', watched)
          .where('level', '=', 3)
          .where('channel', '=', 'email')
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('digest');
    expect((await deadlines(caseId))[1]).toMatchObject({ level: 3 });

    // The case page tells the story.
    const history = (await get(coordinator, `/api/cases/${caseId}/alarms`)).json() as {
      deadlines: {
        kind: string;
        result: string | null;
        alarms: { level: number; round: number; acknowledgements: unknown[] }[];
      }[];
    };
    const referralHistory = history.deadlines.find((deadline) => deadline.kind === 'referral')!;
    expect(referralHistory.result).toBe('breached');
    expect(referralHistory.alarms.map((alarm) => [alarm.level, alarm.acknowledgements.length])).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 0],
    ]);

    // Accepted at last: the clock stops, still breached; nothing repeats any more.
    expect((await post(police, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const after = await deadlines(caseId);
    expect(after[1]).toMatchObject({ status: 'met', result: 'breached', next_check_at: null });
    const before = await messagesOf(after[1]!.id);
    t.clock.advanceHours(48);
    await check();
    expect(await messagesOf(after[1]!.id)).toBe(before);
  });

  it('raises "no service within 24 hours" and its own ladder: province at once, ministry and central desk within the hour', async () => {
    const start = t.clock.now().getTime();
    const caseId = await newCase('human_trafficking');
    // Sent to the shelter, and left there: nobody reaches the person.
    await refer(caseId, shelter);
    t.clock.set(new Date(start + 24 * HOUR));
    await check();
    const firstContact = (await deadlines(caseId))[0]!;
    expect(firstContact).toMatchObject({ kind: 'first_contact', result: 'breached', level: 1 });
    const level1 = await t.database.db
      .selectFrom('alarm_delivery')
      .innerJoin('app_user', 'app_user.id', 'alarm_delivery.recipient_user_id')
      .select(['app_user.email', 'alarm_delivery.channel', 'alarm_delivery.audience'])
      .where('deadline_id', '=', firstContact.id)
      .where('level', '=', 1)
      .execute();
    expect(level1.some((row) => row.email === coordinator && row.audience === 'province')).toBe(true);

    // An hour on: the MSDHS executive (the shelter is MSDHS's) — e-mail kept for the digest — and the central desk.
    t.clock.set(new Date(start + 25 * HOUR));
    await check();
    const level2 = await t.database.db
      .selectFrom('alarm_delivery')
      .innerJoin('app_user', 'app_user.id', 'alarm_delivery.recipient_user_id')
      .select(['app_user.email', 'alarm_delivery.channel', 'alarm_delivery.status'])
      .where('deadline_id', '=', firstContact.id)
      .where('level', '=', 2)
      .execute();
    expect(level2.map((row) => `${row.channel} ${row.email} ${row.status}`).sort()).toEqual([
      `email ${admin} digest`,
      `email ${executive} digest`,
      `in_app ${admin} sent`,
      `in_app ${executive} sent`,
    ]);

    // The digest: one e-mail for all the executive's alarms, through the e-mail outbox.
    const digest = await sendAlarmDigests(t.database.db, t.clock, 'https://oscc.test');
    expect(digest.digests).toBeGreaterThanOrEqual(1);
    const outbox = await t.database.db
      .selectFrom('outbound_email')
      .select(['to_address', 'subject', 'text_body'])
      .where('to_address', '=', executive)
      .where('subject', 'like', '%Alarm digest%')
      .execute();
    expect(outbox).toHaveLength(1);
    const caseNumber = await caseNumberOf(caseId);
    expect(outbox[0]!.text_body).toContain(caseNumber);
    // The alarms of the digest are sent; a second run sends nothing.
    expect(await sendAlarmDigests(t.database.db, t.clock, 'https://oscc.test')).toEqual({ digests: 0, alarms: 0 });
    // Nothing in any message names the person or tells the story.
    const bodies = await t.database.db.selectFrom('alarm_delivery').select(['subject', 'body']).execute();
    for (const row of bodies) expect(`${row.subject} ${row.body}`).not.toContain('ผู้เสียหายถูกบังคับ');
  });
});

async function messagesOf(deadlineId: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('alarm_delivery')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('deadline_id', '=', deadlineId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('delivery', () => {
  it('survives the SMTP server and the SMS gateway being down: retried with back-off, nothing lost, nothing doubled', async () => {
    // Everything so far is delivered first.
    await deliver();
    await smtp!.stop();
    smtp = null;
    smsUp = false;
    const caseId = await newCase();
    const referral = await refer(caseId, station);
    t.clock.set(new Date(referral.dueAt));
    await check();
    const pending = await t.database.db
      .selectFrom('alarm_delivery')
      .innerJoin('alarm', 'alarm.id', 'alarm_delivery.alarm_id')
      .select(['alarm_delivery.id', 'alarm_delivery.channel', 'alarm_delivery.address'])
      .where('alarm.case_id', '=', caseId)
      .where('alarm_delivery.status', '=', 'pending')
      .execute();
    // The referral's level 1 (the station's officer and head by e-mail, the head by SMS) and the first contact's.
    expect(pending.filter((row) => row.channel === 'sms')).toHaveLength(2);
    expect(pending.length).toBeGreaterThanOrEqual(5);
    // With what other cases' repeats added at the same moment: everything due now.
    const due = await t.database.db
      .selectFrom('alarm_delivery')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', t.clock.now())
      .executeTakeFirstOrThrow();
    const count = Number(due.count);

    const first = await deliver();
    expect(first).toEqual({ sent: 0, retrying: count, failed: 0 });
    const retrying = await t.database.db
      .selectFrom('alarm_delivery')
      .select(['attempts', 'next_attempt_at', 'last_error'])
      .where(
        'id',
        'in',
        pending.map((row) => row.id),
      )
      .execute();
    for (const row of retrying) {
      expect(row.attempts).toBe(1);
      expect(new Date(row.next_attempt_at!).getTime()).toBe(t.clock.now().getTime() + 30_000);
      expect(row.last_error).toBeTruthy();
    }
    // Not before the back-off: nothing is tried.
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advanceMinutes(1);
    expect(await deliver()).toEqual({ sent: 0, retrying: count, failed: 0 });

    // Administrators see what is still trying.
    const list = (await get(admin, '/api/alarm-deliveries?status=pending')).json() as {
      items: { channel: string; address: string; lastError: string }[];
      counts: { pending: number };
    };
    expect(list.counts.pending).toBeGreaterThanOrEqual(count);
    const smsRow = list.items.find((item) => item.channel === 'sms')!;
    expect(smsRow.address).toBe('081•••5678');
    expect(smsRow.lastError).toContain('503');
    expect((await get(coordinator, '/api/alarm-deliveries')).statusCode).toBe(403);

    // Both come back on the same port: everything goes once.
    smtp = await startSmtpSink({ port: smtpPort });
    smsUp = true;
    const smsBefore = smsReceived.length;
    t.clock.advanceMinutes(5);
    expect(await deliver()).toEqual({ sent: count, retrying: 0, failed: 0 });
    t.clock.advanceMinutes(60);
    await deliver();
    const caseNumber = await caseNumberOf(caseId);
    // Each message exactly once: as many e-mails and SMS as were pending, each with its own Message-ID.
    const mails = smtp.messages.filter((mail) => mail.subject.includes(caseNumber));
    const sms = smsReceived.slice(smsBefore).filter((message) => message.text.includes(caseNumber));
    expect(mails.length + sms.length).toBe(pending.length);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(mails.length);
    expect(mails.map((mail) => mail.to)).toEqual(expect.arrayContaining([police, policeHead, coordinator]));
    expect(sms).toHaveLength(2);
    expect(sms[0]).toEqual({ to: '66812345678', text: expect.stringContaining(caseNumber), auth: 'Bearer sms-token' });
  });

  it('marks a message failed after its last attempt, shows it, and sends it again on an administrator’s word', async () => {
    smsUp = false;
    const caseId = await newCase();
    const referral = await refer(caseId, station);
    t.clock.set(new Date(referral.dueAt));
    await check();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await deliver();
      t.clock.advanceMinutes(31);
    }
    const failed = (await get(admin, '/api/alarm-deliveries?status=failed')).json() as {
      items: { id: string; channel: string; caseId: string; attempts: number }[];
    };
    const row = failed.items.find((item) => item.caseId === caseId && item.channel === 'sms')!;
    expect(row.attempts).toBe(10);
    smsUp = true;
    expect((await post(admin, `/api/alarm-deliveries/${row.id}/retry`, {})).statusCode).toBe(204);
    expect((await post(admin, `/api/alarm-deliveries/${row.id}/retry`, {})).statusCode).toBe(404);
    const outcome = await deliver();
    expect(outcome.sent).toBeGreaterThanOrEqual(1);
    const after = await t.database.db
      .selectFrom('alarm_delivery')
      .select('status')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('sent');
  });

  it('reaches staff in LINE once they linked their account with a one-time code', async () => {
    const code = await post(policeHead, '/api/me/line-link', {});
    expect(code.statusCode).toBe(200);
    const { code: digits } = code.json() as { code: string };
    const webhook = JSON.stringify({
      destination: 'oa',
      events: [
        {
          type: 'message',
          webhookEventId: 'link-event-1',
          timestamp: t.clock.now().getTime(),
          source: { type: 'user', userId: 'U-policehead' },
          message: { id: 'm1', type: 'text', text: `OSCC ${digits}` },
        },
      ],
    });
    const signature = createHmac('sha256', LINE_SECRET).update(webhook).digest('base64');
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks/line',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      payload: webhook,
    });
    expect(hook.statusCode).toBe(200);
    const user = await t.database.db
      .selectFrom('app_user')
      .select('line_user_id')
      .where('email', '=', policeHead)
      .executeTakeFirstOrThrow();
    expect(user.line_user_id).toBe('U-policehead');
    expect(linePushes.at(-1)).toMatchObject({ to: 'U-policehead', text: expect.stringContaining('LINE') });
    // The link message is no report: no contact was made of it.
    const contacts = await t.database.db
      .selectFrom('intake_contact')
      .select('id')
      .where('channel', '=', 'line')
      .execute();
    expect(contacts).toHaveLength(0);

    const caseId = await newCase();
    const referral = await refer(caseId, station);
    t.clock.set(new Date(referral.dueAt));
    await check();
    const pushesBefore = linePushes.length;
    await deliver();
    const caseNumber = await caseNumberOf(caseId);
    // The referral late and no service within 24 hours: two alarms, one push each.
    const pushes = linePushes.slice(pushesBefore).filter((push) => push.text.includes(caseNumber));
    expect(pushes.map((push) => push.to)).toEqual(['U-policehead', 'U-policehead']);
    expect(pushes.map((push) => push.text.split(':')[0]).sort()).toEqual([
      'OSCC 1300 ยังไม่ได้รับบริการภายใน 24 ชั่วโมง',
      'OSCC 1300 เกินกำหนด',
    ]);
  });
});

describe('live alarms', () => {
  it('reach a signed-in recipient over server-sent events the moment they are raised — and no one else', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (who: string) => {
      const controller = new AbortController();
      const response = await fetch(`${address}/api/alarms/stream`, {
        headers: { cookie: await cookieOf(who) },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      let received = '';
      const decoder = new TextDecoder();
      // One read at a time; a read still waiting when the stream is closed ends quietly.
      let reading: Promise<Awaited<ReturnType<typeof reader.read>> | null> | null = null;
      return {
        /** Reads until `text` has arrived (or fails after the timeout). */
        async until(text: string, timeoutMs = 10_000): Promise<string> {
          const deadline = Date.now() + timeoutMs;
          while (!received.includes(text)) {
            if (Date.now() > deadline) throw new Error(`no ${text} in: ${received}`);
            reading ??= reader.read().catch(() => null);
            const chunk = await Promise.race([
              reading,
              new Promise<'wait'>((resolve) => setTimeout(() => resolve('wait'), Math.max(0, deadline - Date.now()))),
            ]);
            if (chunk === 'wait') continue;
            reading = null;
            if (!chunk || chunk.done) throw new Error(`the stream ended before ${text}: ${received}`);
            received += decoder.decode(chunk.value, { stream: true });
          }
          return received;
        },
        get received() {
          return received;
        },
        close: () => {
          void reader.cancel().catch(() => undefined);
          controller.abort();
        },
      };
    };
    const head = await open(policeHead);
    const other = await open('officer@oscc.example');
    await head.until(': connected');
    await other.until(': connected');

    const caseId = await newCase();
    const referral = await refer(caseId, station);
    t.clock.set(new Date(referral.dueAt));
    await check();
    // Among what the head is told (other cases' reminders came due too), this case's alarms.
    const ofThisCase = (
      await t.database.db.selectFrom('alarm').select('id').where('case_id', '=', caseId).execute()
    ).map((row) => row.id);
    expect(ofThisCase.length).toBeGreaterThan(0);
    for (const id of ofThisCase) await head.until(`data: {"alarmId":"${id}"}`);
    // The hospital's officer is told nothing of a police station's case.
    expect(other.received).not.toContain('event: alarm');
    head.close();
    other.close();
  });
});

describe('my alarms', () => {
  it('lists what was sent to me, counts the unread, and marks them seen', async () => {
    const mine = (await (await get(coordinator, '/api/alarms/mine?status=all')).json()) as {
      items: { id: string; readAt: string | null }[];
      unread: number;
    };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.unread).toBeGreaterThan(0);
    expect((await post(coordinator, '/api/alarms/read', {})).statusCode).toBe(204);
    const after = (await (await get(coordinator, '/api/alarms/mine?status=all')).json()) as {
      items: { readAt: string | null }[];
      unread: number;
    };
    expect(after.unread).toBe(0);
    expect(after.items.every((item) => item.readAt !== null)).toBe(true);
  });
});

describe('the ladder as data', () => {
  it('is read by everyone signed in and changed by national administrators only, checked as a whole and audited', async () => {
    const ladder = (await get(police, '/api/alarm-ladder')).json() as {
      warningShare: number;
      ladders: { overdue: { level: number; audiences: string[] }[]; no_service: unknown[] };
    };
    expect(ladder.warningShare).toBe(0.75);
    expect(ladder.ladders.overdue.map((level) => level.audiences)).toEqual([
      ['assignee'],
      ['assignee', 'unit_head'],
      ['province'],
      ['ministry', 'central'],
    ]);
    const save = (who: string, payload: object) =>
      cookieOf(who).then((cookie) =>
        t.app.inject({ method: 'PUT', url: '/api/alarm-ladder', headers: { cookie }, payload }),
      );
    const changed = { ...ladder, warningShare: 0.5 };
    expect((await save(coordinator, changed)).statusCode).toBe(403);
    const bad = await save(admin, {
      ...changed,
      ladders: { ...ladder.ladders, overdue: [{ ...ladder.ladders.overdue[1], level: 0, channels: ['email'] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const saved = await save(admin, { warningShare: 0.5, ladders: ladder.ladders });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().warningShare).toBe(0.5);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'alarm.ladder.save')
      .execute();
    expect(audit).toHaveLength(1);
    // New clocks warn at half their time frame.
    const start = t.clock.now().getTime();
    const caseId = await newCase();
    expect(new Date((await deadlines(caseId))[0]!.warn_at).getTime()).toBe(start + 12 * HOUR);
  });
});
