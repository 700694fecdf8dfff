import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, sendPendingEmails } from '../src/platform/mail/outbox.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';
import { linkIn, startSmtpSink } from './smtp-sink.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let coordinator: string;
let ratchaburiUnitId: string;
let chiangMaiUnitId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://oscc.test' } });
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  const units = await t.database.db
    .selectFrom('unit')
    .select(['id', 'code'])
    .where('code', 'in', ['MOPH-OSCC-70-04', 'MOPH-OSCC-50-07'])
    .execute();
  ratchaburiUnitId = units.find((u) => u.code === 'MOPH-OSCC-70-04')!.id;
  chiangMaiUnitId = units.find((u) => u.code === 'MOPH-OSCC-50-07')!.id;
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const newPerson = (overrides: Record<string, unknown> = {}) => ({
  email: 'Somsri.Ratchaburi@Example.org',
  titleTh: 'นางสาว',
  firstNameTh: 'สมศรี',
  lastNameTh: 'ใจงาม',
  firstNameEn: 'Somsri',
  lastNameEn: 'Jaingam',
  position: 'พยาบาลวิชาชีพ',
  birthDate: '12/03/2525',
  gender: 'female',
  mobile: '081-234-5678',
  unitId: ratchaburiUnitId,
  roles: [{ role: 'unit_officer', scopeLevel: 'unit', unitId: ratchaburiUnitId }],
  ...overrides,
});

const sendMail = () => sendPendingEmails(t.database.db, createMailer(t.config.mail), t.clock);

describe('creating a person and inviting them', () => {
  it('stores every Front Line 1 field normalised, and e-mails a single-use link — never a password', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson(),
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({
      email: 'somsri.ratchaburi@example.org',
      birthDate: '1982-03-12',
      mobile: '+66812345678',
      gender: 'female',
      accountState: 'invited',
      roles: [{ role: 'unit_officer', scopeLevel: 'unit', scopeRef: ratchaburiUnitId }],
    });

    expect(await sendMail()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toBe('somsri.ratchaburi@example.org');
    expect(mail.subject).toContain('OSCC');
    expect(mail.text).toContain('เรียน นางสาวสมศรี ใจงาม');
    expect(mail.text).not.toMatch(/รหัสผ่านของคุณคือ|password is/i);
    const link = linkIn(mail.text);
    expect(link.origin).toBe('https://oscc.test');
    const token = link.searchParams.get('token')!;

    const check = await t.app.inject({
      url: `/api/auth/password-link?purpose=invitation&token=${encodeURIComponent(token)}`,
    });
    expect(check.json().email).toBe('somsri.ratchaburi@example.org');

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { token, purpose: 'invitation', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);

    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { token, purpose: 'invitation', password: 'a-good-long-passphrase' },
    });
    expect(set.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { token, purpose: 'invitation', password: 'another-long-passphrase' },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('LINK_INVALID');

    const session = await signIn(t.app, 'somsri.ratchaburi@example.org', 'a-good-long-passphrase');
    const me = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session } });
    expect(me.json().user.name.th).toBe('นางสาวสมศรี ใจงาม');
  });

  it('an invitation link expires', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'late@example.org' }),
    });
    await sendMail();
    const token = linkIn(smtp.messages.at(-1)!.text).searchParams.get('token')!;
    t.clock.advanceHours(73);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { token, purpose: 'invitation', password: 'a-good-long-passphrase' },
    });
    expect(response.statusCode).toBe(410);
    coordinator = await signIn(t.app, 'coordinator@oscc.example'); // 73 hours on, the old session has ended too
  });

  it('explains each bad field in Thai and English and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'bad-fields@example.org', mobile: '02-123-4567', birthDate: '31/02/2525' }),
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['body.mobile', 'body.birthDate']));
    const after = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'SOMSRI.ratchaburi@example.org' }),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('EMAIL_IN_USE');
  });

  it('a province coordinator cannot create people in another province, nor hand out national roles', async () => {
    const otherProvince = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'cm@example.org', unitId: chiangMaiUnitId, roles: [] }),
    });
    expect(otherProvince.statusCode).toBe(403);
    const nationalRole = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'boss@example.org', roles: [{ role: 'central_admin', scopeLevel: 'nation' }] }),
    });
    expect(nationalRole.statusCode).toBe(403);
  });
});

describe('reading and editing people', () => {
  it('lists only the people in your scope, and answers 404 for one outside it', async () => {
    const list = await t.app.inject({ url: '/api/users?limit=100', headers: { cookie: coordinator } });
    const emails = list.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain('officer@oscc.example'); // Ratchaburi hospital
    expect(emails).not.toContain('calltaker@oscc.example'); // the 1300 centre in Bangkok
    const calltaker = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'calltaker@oscc.example')
      .executeTakeFirstOrThrow();
    const outside = await t.app.inject({ url: `/api/users/${calltaker.id}`, headers: { cookie: coordinator } });
    expect(outside.statusCode).toBe(404);
  });

  it('never overwrites a change silently: a stale version is a conflict', async () => {
    const officer = await t.database.db
      .selectFrom('app_user')
      .select(['id', 'version'])
      .where('email', '=', 'officer@oscc.example')
      .executeTakeFirstOrThrow();
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${officer.id}`,
      headers: { cookie: coordinator },
      payload: { version: officer.version, position: 'พยาบาลชำนาญการ' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(officer.version + 1);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${officer.id}`,
      headers: { cookie: coordinator },
      payload: { version: officer.version, position: 'อื่น' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('records every change in the audit trail with before and after', async () => {
    const events = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'user.update')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.actor_user_id).toBeTruthy();
    expect(JSON.stringify(events[0]!.after_state)).toContain('พยาบาลชำนาญการ');
  });
});

describe('supervisors and role scopes', () => {
  const idOf = async (email: string) =>
    (await t.database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  it('names the scope of each role', async () => {
    const { json } = await t.app.inject({
      url: `/api/users/${await idOf('coordinator@oscc.example')}`,
      headers: { cookie: coordinator },
    });
    expect(json().roles).toEqual([
      { role: 'province_coordinator', scopeLevel: 'province', scopeRef: '70', scopeNameTh: 'ราชบุรี' },
    ]);
  });

  it('refuses a supervisor who is the person, reports to the person, or is not there — with a field error', async () => {
    const officer = await idOf('officer@oscc.example');
    const head = await idOf('head@oscc.example');
    const read = async (id: string) =>
      (await t.app.inject({ url: `/api/users/${id}`, headers: { cookie: coordinator } })).json();
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: coordinator }, payload });

    const linked = await patch(officer, { version: (await read(officer)).version, supervisorId: head });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().supervisor).toMatchObject({ id: head });

    const cases: [string, string, string][] = [
      [officer, officer, 'self'],
      [head, officer, 'cycle'], // the officer reports to the head
      [officer, '00000000-0000-4000-8000-000000000000', 'unknown_supervisor'],
      [officer, await idOf('admin@oscc.example'), 'unknown_supervisor'], // outside the coordinator's sight
    ];
    for (const [person, supervisorId, code] of cases) {
      const response = await patch(person, { version: (await read(person)).version, supervisorId });
      expect(response.statusCode, code).toBe(400);
      expect(response.json().error.fields[0]).toMatchObject({ path: 'body.supervisorId', code });
    }
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: coordinator },
      payload: newPerson({ email: 'nosuchboss@example.org', supervisorId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(created.statusCode).toBe(400);
    expect(
      await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'nosuchboss@example.org')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('answers a file that is not a workbook with a clear 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users/import',
      headers: {
        cookie: coordinator,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: Buffer.from('PK\u0003\u0004 not really a zip'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].code).toBe('unreadable_file');
  });
});

describe('password reset', () => {
  it('sends a link for a known address and says the same for an unknown one', async () => {
    const before = smtp.messages.length;
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'officer@oscc.example' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'nobody@oscc.example' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    await sendMail();
    expect(smtp.messages.length).toBe(before + 1);
    const token = linkIn(smtp.messages.at(-1)!.text).searchParams.get('token')!;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          payload: { token, purpose: 'password_reset', password: 'the-new-long-password' },
        })
      ).statusCode,
    ).toBe(204);
    await signIn(t.app, 'officer@oscc.example', 'the-new-long-password');
  });
});

describe('the outbox', () => {
  it('keeps e-mails while the mail server is down and sends each exactly once when it is back', async () => {
    const sentBefore = smtp.messages.length;
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'socialworker@oscc.example' },
    });
    const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: t.config.mail.from, dir: t.config.mail.dir });
    expect(await sendPendingEmails(t.database.db, down, t.clock)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await sendMail()).toEqual({ sent: 0, failed: 0, retrying: 0 }); // not due yet: backing off
    t.clock.advanceMinutes(2);
    expect(await sendMail()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    t.clock.advanceMinutes(60);
    expect(await sendMail()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(smtp.messages.length).toBe(sentBefore + 1);
  });
});
