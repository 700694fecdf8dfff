import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseDueCases, rotateFieldKeys, sendPrivacyReminders } from '../src/modules/privacy/index.ts';
import { sealAuditEvents, verifyAuditChain } from '../src/platform/audit/audit-chain.ts';
import { resolveFieldKeys } from '../src/platform/crypto/field-keys.ts';
import { createFieldProtector, generateFieldKeys, parseFieldKeys } from '../src/platform/crypto/field-protection.ts';
import { createTestApp, signIn, TEST_FIELD_KEYS, type TestApp } from './harness.ts';

/**
 * Privacy (PDPA): masking and breaking the glass, who has seen a case, the
 * audit trail's hash chain, key rotation, retention and anonymising, data
 * subjects' requests with their 30 days, the breach register with its 72
 * hours, and CSRF protection of the session.
 */
let t: TestApp;
let calltaker: string;
let socialworker: string; // Ratchaburi MSDHS office: sees identities
let coordinator: string; // Ratchaburi province coordinator: masked, reads the audit trail of the province
let executive: string; // MSDHS ministry executive: masked
let admin: string;

const PHONE = '0812223344';
const E164 = '+66812223344';
const NAME = 'สมหญิง ทดสอบความลับ';
const ID_NUMBER = '1101200023452';

beforeAll(async () => {
  t = await createTestApp();
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  socialworker = await signIn(t.app, 'socialworker@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  executive = await signIn(t.app, 'executive@oscc.example');
  admin = await signIn(t.app, 'admin@oscc.example');
});
afterAll(async () => t.close());

/**
 * A session per person, signed in again only when the test's clock has moved on (sign-in has a real-time rate limit
 * of 30 a minute, and this file moves the clock by days).
 */
const sessions = new Map<string, { cookie: string; at: number }>();
async function session(email: string): Promise<string> {
  const held = sessions.get(email);
  if (held && t.clock.now().getTime() - held.at < 10 * 60_000) return held.cookie;
  const cookie = await signIn(t.app, email);
  sessions.set(email, { cookie, at: t.clock.now().getTime() });
  return cookie;
}

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });
const send = (method: 'POST' | 'PUT' | 'PATCH', cookie: string, url: string, payload: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });

async function newCase(): Promise<string> {
  calltaker = await session('calltaker@oscc.example'); // the clock moves by days in this file
  const response = await send('POST', calltaker, '/api/intake/contacts', {
    channel: 'hotline',
    callerPhone: PHONE,
    outcome: 'case',
    case: {
      problemTypes: ['domestic_violence'],
      location: { areaCode: '700101', address: '99/1 หมู่ 2 ตำบลหน้าเมือง' },
      narrative: `ผู้แจ้งเล่าว่า${NAME}ถูกสามีทำร้ายร่างกาย`,
      people: [{ role: 'victim', name: NAME, idType: 'thai_id', idNumber: ID_NUMBER, sex: 'female', phone: PHONE }],
    },
  });
  expect(response.statusCode).toBe(201);
  const caseId = response.json().case.id as string;
  // Screened and sent to the Ratchaburi hospital's crisis centre (Ministry of Public Health).
  const hospital = await t.database.db
    .selectFrom('unit')
    .select('id')
    .where('code', '=', 'MOPH-OSCC-70-03')
    .executeTakeFirstOrThrow();
  const version = (await get(calltaker, `/api/cases/${caseId}`)).json().version;
  const routed = await send('POST', calltaker, `/api/cases/${caseId}/screening`, {
    version,
    problemTypes: ['domestic_violence'],
    crisis: false,
    severity: 2,
    route: { kind: 'unit', unitId: hospital.id, reason: 'ทดสอบการปกปิดข้อมูล' },
  });
  expect(routed.statusCode).toBe(200);
  return caseId;
}

describe('masking and breaking the glass', () => {
  it('shows identities to case workers, masks them for others, and opens them for a while on a stated reason', async () => {
    const caseId = await newCase();

    const worker = (await get(socialworker, `/api/cases/${caseId}`)).json();
    expect(worker.disclosure).toEqual({ masked: false, canReveal: false, revealedUntil: null });
    expect(worker.people[0]).toMatchObject({ name: NAME, idNumber: ID_NUMBER, phone: E164 });

    expect((await get(executive, `/api/cases/${caseId}`)).statusCode).toBe(404); // another ministry's case
    const masked = await get(coordinator, `/api/cases/${caseId}`);
    expect(masked.statusCode).toBe(200);
    const view = masked.json();
    expect(view.disclosure).toEqual({ masked: true, canReveal: true, revealedUntil: null });
    expect(view.people[0].name).toBe('ส••••• ท••••••');
    expect(view.people[0].idNumber).toBe('••••••••••452');
    expect(view.people[0].phone).toBe('•••••••3344');
    expect(view.narrative).toBe('••••••');
    expect(view.address).toBe('••••••');
    // Nothing of the clear text anywhere in the answer.
    for (const secret of [NAME, ID_NUMBER, '812223344', 'ทำร้ายร่างกาย', 'หน้าเมือง'])
      expect(masked.body).not.toContain(secret);

    // A reason is required, and must say something.
    const short = await send('POST', coordinator, `/api/cases/${caseId}/reveal`, { reason: 'ดู' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('VALIDATION_FAILED');

    const reason = 'ประสานศาลเยาวชนฯ ขอคุ้มครองสวัสดิภาพเร่งด่วน ต้องยืนยันตัวผู้เสียหาย';
    const opened = await send('POST', coordinator, `/api/cases/${caseId}/reveal`, { reason });
    expect(opened.statusCode).toBe(200);
    const revealed = opened.json();
    expect(revealed.disclosure.masked).toBe(false);
    expect(new Date(revealed.disclosure.revealedUntil).getTime()).toBe(t.clock.now().getTime() + 30 * 60_000);
    expect(revealed.people[0]).toMatchObject({ name: NAME, idNumber: ID_NUMBER, phone: E164 });

    // Logged, with the reason kept protected (not in the audit trail's plain jsonb).
    const reveals = await t.database.db
      .selectFrom('case_reveal')
      .select(['reason_protected', 'supervisor_id'])
      .where('case_id', '=', caseId)
      .execute();
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.reason_protected).not.toContain('ศาล');
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', sql<string>`after_state::text`.as('after')])
      .where('entity_id', '=', caseId)
      .where('action', '=', 'case.reveal')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.after).not.toContain('ศาล');

    // The supervisor is told — or, where none is recorded, the data protection officers.
    const me = await t.database.db
      .selectFrom('app_user')
      .select('supervisor_id')
      .where('email', '=', 'coordinator@oscc.example')
      .executeTakeFirstOrThrow();
    const mail = await t.database.db
      .selectFrom('outbound_email')
      .select(['to_address', 'subject', 'text_body'])
      .where('subject', 'like', '%Identities opened%')
      .execute();
    expect(mail.length).toBeGreaterThan(0);
    if (me.supervisor_id) {
      const supervisor = await t.database.db
        .selectFrom('app_user')
        .select('email')
        .where('id', '=', me.supervisor_id)
        .executeTakeFirstOrThrow();
      expect(mail.map((m) => m.to_address)).toEqual([supervisor.email]);
    } else expect(mail.map((m) => m.to_address)).toContain('admin@oscc.example');
    // The e-mail names the case and links to the review, never the victim or the reason.
    for (const m of mail) for (const secret of [NAME, '812223344', reason]) expect(m.text_body).not.toContain(secret);

    // Still open a while later; masked again when the time is up.
    t.clock.advanceMinutes(29);
    expect((await get(coordinator, `/api/cases/${caseId}`)).json().disclosure.masked).toBe(false);
    t.clock.advanceMinutes(2);
    coordinator = await session('coordinator@oscc.example');
    expect((await get(coordinator, `/api/cases/${caseId}`)).json().disclosure.masked).toBe(true);
  });

  it('masks by role: the people who work cases see identities, the province coordinator does not', async () => {
    const caseId = await newCase(); // at the Ratchaburi hospital (Ministry of Public Health)
    const expected: Record<string, 'clear' | 'masked' | 'unseen'> = {
      'calltaker@oscc.example': 'clear',
      'socialworker@oscc.example': 'clear',
      'officer@oscc.example': 'clear',
      'head@oscc.example': 'clear',
      'admin@oscc.example': 'clear',
      'coordinator@oscc.example': 'masked',
      'executive@oscc.example': 'unseen', // another ministry's case
    };
    const seen: Record<string, string> = {};
    for (const email of Object.keys(expected)) {
      const response = await get(await session(email), `/api/cases/${caseId}`);
      seen[email] = response.statusCode === 404 ? 'unseen' : response.json().disclosure.masked ? 'masked' : 'clear';
      if (seen[email] === 'masked') expect(response.body).not.toContain(NAME);
      if (seen[email] === 'clear') expect(response.json().people[0].name).toBe(NAME);
    }
    expect(seen).toEqual(expected);
  });

  it('shows a supervisor who has seen a case, with the reasons given for breaking the glass', async () => {
    const caseId = await newCase();
    await get(socialworker, `/api/cases/${caseId}`);
    await get(coordinator, `/api/cases/${caseId}`);
    await send('POST', coordinator, `/api/cases/${caseId}/reveal`, {
      reason: 'ตรวจสอบข้อร้องเรียนของผู้เสียหายต่อจังหวัด',
    });

    // The hospital unit's head supervises the case's unit.
    const head = await session('head@oscc.example');
    const log = await get(head, `/api/cases/${caseId}/access-log`);
    expect(log.statusCode).toBe(200);
    const page = log.json();
    expect(page.people).toBe(3); // the call taker too, who screened it
    const kinds = page.items.map((i: { kind: string; actor: { email: string } }) => `${i.kind}:${i.actor.email}`);
    expect(kinds.slice(0, 4)).toEqual([
      'view:coordinator@oscc.example',
      'reveal:coordinator@oscc.example',
      'view:coordinator@oscc.example',
      'view:socialworker@oscc.example',
    ]);
    expect(page.items[1].reason).toBe('ตรวจสอบข้อร้องเรียนของผู้เสียหายต่อจังหวัด');
    expect(page.items[2].identified).toBe(false);
    expect(page.items[3].identified).toBe(true);

    // People who may not read the audit trail do not see it.
    expect((await get(socialworker, `/api/cases/${caseId}/access-log`)).statusCode).toBe(403);

    // The review of broken glass, within the head's unit.
    const review = (await get(head, '/api/privacy/reveals')).json();
    expect(review.items.some((r: { caseId: string }) => r.caseId === caseId)).toBe(true);
  });
});

describe('the audit trail is tamper-evident', () => {
  const key = () => createFieldProtector(resolveFieldKeys(t.config)).derivedKey('audit-chain');

  it('seals every event into a hash chain that verifies', async () => {
    await sealAuditEvents(t.database.db, key(), t.clock);
    await newCase(); // more events after the first seal
    const sealed = await sealAuditEvents(t.database.db, key(), t.clock);
    expect(sealed).toBeGreaterThan(0);
    const report = await verifyAuditChain(t.database.db, key());
    expect(report).toMatchObject({ ok: true, unsealed: 0, problems: [] });
    expect(report.sealed).toBeGreaterThan(0);
  });

  it('refuses to change or delete an event', async () => {
    const row = await t.database.db.selectFrom('audit_event').select('id').limit(1).executeTakeFirstOrThrow();
    await expect(
      sql`update audit_event set action = 'nothing' where id = ${row.id}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where id = ${row.id}`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('finds an event altered or removed behind the trigger’s back, and so does `oscc verify-audit`', async () => {
    await sealAuditEvents(t.database.db, key(), t.clock);
    const [first, second] = await t.database.db
      .selectFrom('audit_event')
      .select(['id', 'chain_seq'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq', 'desc')
      .limit(2)
      .execute();
    // Someone with the database's owner rights (but not the keys) edits one event and removes another.
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(t.database.db);
    await sql`update audit_event set after_state = '{"identified": false}' where id = ${first!.id}`.execute(
      t.database.db,
    );
    await sql`delete from audit_event where id = ${second!.id}`.execute(t.database.db);
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(t.database.db);

    const report = await verifyAuditChain(t.database.db, key());
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(new RegExp(`event ${first!.id} .*altered`));
    expect(report.problems.join('\n')).toMatch(/missing/);
  });
});

describe('keys', () => {
  it('re-encrypts every protected value under a new key, after which the old key can go', async () => {
    const caseId = await newCase();
    const old = parseFieldKeys(TEST_FIELD_KEYS.FIELD_KEYS, TEST_FIELD_KEYS.FIELD_HASH_KEY);
    const fresh = generateFieldKeys('k2').fieldKeys;
    const rotated = createFieldProtector(
      parseFieldKeys(`${fresh},${TEST_FIELD_KEYS.FIELD_KEYS}`, TEST_FIELD_KEYS.FIELD_HASH_KEY),
    );
    expect(old.currentKeyId).not.toBe('k2');
    const report = await rotateFieldKeys(t.database.db, rotated);
    expect(report.total).toBeGreaterThan(0);
    expect(report.rotated['case_person.name_protected']).toBeGreaterThan(0);

    // Nothing is left under the old key; the new key alone reads everything, and the blind index still finds the phone.
    const onlyNew = createFieldProtector(parseFieldKeys(fresh, TEST_FIELD_KEYS.FIELD_HASH_KEY));
    const person = await t.database.db
      .selectFrom('case_person')
      .select(['name_protected', 'phone_index'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(person.name_protected!.split('.')[1]).toBe('k2');
    expect(onlyNew.reveal(person.name_protected!, 'person.name')).toBe(NAME);
    expect(person.phone_index).toBe(onlyNew.blindIndex('phone', '+66812223344'));
    const stale = await t.database.db
      .selectFrom('case_file')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('narrative_protected', 'not like', 'v1.k2.%')
      .executeTakeFirstOrThrow();
    expect(stale.n).toBe(0);
    // A second run finds nothing to do.
    expect((await rotateFieldKeys(t.database.db, rotated)).total).toBe(0);
  });
});

describe('retention', () => {
  it('anonymises a closed case when its problem type’s period has passed, and keeps it in the reports', async () => {
    // A poverty case, referred to the Ratchaburi MSDHS office, accepted and closed there (no approval needed).
    calltaker = await session('calltaker@oscc.example');
    socialworker = await session('socialworker@oscc.example');
    const office = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', 'MSDHS-PO-70')
      .executeTakeFirstOrThrow();
    const intake = await send('POST', calltaker, '/api/intake/contacts', {
      channel: 'hotline',
      callerPhone: '0866667777',
      outcome: 'case',
      case: {
        problemTypes: ['poverty'],
        location: { areaCode: '700101' },
        narrative: 'ครอบครัวนางสาวยากจน ลำบากมาก ไม่มีรายได้',
        people: [{ role: 'victim', name: 'นางสาวยากจน ลำบากมาก', idType: 'none', sex: 'female', phone: '0866667777' }],
      },
    });
    const caseId = intake.json().case.id as string;
    const referral = (
      await send('POST', calltaker, `/api/cases/${caseId}/referrals`, { unitId: office.id, kind: 'lead' })
    ).json();
    expect((await send('POST', socialworker, `/api/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(
      200,
    );
    const work = (await get(socialworker, `/api/cases/${caseId}/work`)).json();
    const closing = await send('POST', socialworker, `/api/cases/${caseId}/closure`, {
      version: work.version,
      reason: 'referred_elsewhere',
      outcome: 'partly_resolved',
      summary: 'ส่งต่อ อบต. ดูแลเบี้ยยังชีพ',
      followUpDays: 14,
    });
    expect(closing.json().status).toBe('closed');
    const closed = await t.database.db
      .selectFrom('case_report')
      .select(['case_id', 'closed_at'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(closed.closed_at).not.toBeNull();
    const problem = 'poverty';
    const set = await send('PUT', admin, `/api/privacy/retention/${problem}`, { retainYears: 2 });
    expect(set.statusCode).toBe(200);
    expect(set.json().policies.find((p: { problemType: string }) => p.problemType === problem)).toMatchObject({
      retainYears: 2,
      isDefault: false,
    });
    expect((await send('PUT', coordinator, `/api/privacy/retention/${problem}`, { retainYears: 1 })).statusCode).toBe(
      403,
    );
    expect((await send('PUT', admin, `/api/privacy/retention/${problem}`, { retainYears: 0 })).statusCode).toBe(400);

    const fields = createFieldProtector(resolveFieldKeys(t.config));
    const reportBefore = await t.database.db
      .selectFrom('case_report')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    // One day short of two years: nothing yet.
    const closedAt = new Date(closed.closed_at!).getTime();
    t.clock.set(new Date(closedAt + 2 * 365 * 24 * 3600_000 - 24 * 3600_000));
    const early = await anonymiseDueCases(t.database.db, fields, t.clock, 10);
    const untouched = await t.database.db
      .selectFrom('case_file')
      .select('anonymised_at')
      .where('id', '=', closed.case_id)
      .executeTakeFirstOrThrow();
    expect(untouched.anonymised_at).toBeNull();
    t.clock.set(new Date(closedAt + 2 * 366 * 24 * 3600_000));
    const done = await anonymiseDueCases(t.database.db, fields, t.clock, 10);
    expect(done).toBeGreaterThan(early);

    const people = await t.database.db
      .selectFrom('case_person')
      .select(['name_protected', 'id_number_protected', 'phone_protected', 'phone_index', 'sex'])
      .where('case_id', '=', closed.case_id)
      .execute();
    for (const p of people)
      expect(p).toMatchObject({
        name_protected: null,
        id_number_protected: null,
        phone_protected: null,
        phone_index: null,
      });
    const attachments = await t.database.db
      .selectFrom('case_attachment')
      .select('id')
      .where('case_id', '=', closed.case_id)
      .execute();
    expect(attachments).toHaveLength(0);
    const reportAfter = await t.database.db
      .selectFrom('case_report')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(reportAfter.n).toBe(reportBefore.n);

    const adminCookie = await session('admin@oscc.example');
    const detail = (await get(adminCookie, `/api/cases/${closed.case_id}`)).json();
    expect(detail.anonymisedAt).not.toBeNull();
    expect(detail.narrative).toBe('');
    const reveal = await send('POST', await session('executive@oscc.example'), `/api/cases/${closed.case_id}/reveal`, {
      reason: 'ต้องการตรวจสอบข้อมูลย้อนหลังของผู้เสียหาย',
    });
    expect([404, 409]).toContain(reveal.statusCode);
    const overview = (await get(adminCookie, '/api/privacy/retention')).json();
    expect(overview.anonymised).toBeGreaterThan(0);
  });
});

describe("data subjects' requests and breaches", () => {
  it('records a request due 30 days after receipt, shows it overdue after that, and closes it', async () => {
    admin = await session('admin@oscc.example');
    const created = await send('POST', admin, '/api/privacy/requests', {
      kind: 'access',
      requesterName: 'นางสาวขอดู ข้อมูลตน',
      contact: '0899990000',
      details: 'ขอสำเนาข้อมูลของตนที่ศูนย์เก็บไว้',
    });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request.reference).toMatch(/^DSR-25\d\d-0001$/);
    expect(new Date(request.dueAt).getTime() - new Date(request.receivedAt).getTime()).toBe(30 * 24 * 3600_000);
    expect(request.overdue).toBe(false);
    const stored = await t.database.db
      .selectFrom('subject_request')
      .select(['requester_name_protected', 'contact_protected'])
      .executeTakeFirstOrThrow();
    expect(stored.requester_name_protected).not.toContain('ขอดู');
    expect(stored.contact_protected).not.toContain('0899990000');

    coordinator = await session('coordinator@oscc.example');
    expect((await get(coordinator, '/api/privacy/requests')).statusCode).toBe(403);
    const bad = await send('POST', admin, '/api/privacy/requests', {
      kind: 'forget_me',
      requesterName: '',
      contact: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');

    t.clock.advanceMinutes(31 * 24 * 60);
    admin = await session('admin@oscc.example');
    const overdue = (await get(admin, '/api/privacy/requests?status=overdue')).json();
    expect(overdue.items.map((r: { id: string }) => r.id)).toContain(request.id);
    const closed = await send('POST', admin, `/api/privacy/requests/${request.id}/close`, {
      status: 'completed',
      outcome: 'ส่งสำเนาข้อมูลทางไปรษณีย์ลงทะเบียน',
    });
    expect(closed.json()).toMatchObject({ status: 'completed', overdue: false });
    expect(
      (
        await send('POST', admin, `/api/privacy/requests/${request.id}/close`, {
          status: 'refused',
          outcome: 'ซ้ำซ้อนกับคำขอเดิม',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('keeps the breach register with its 72-hour clock to tell the office', async () => {
    admin = await session('admin@oscc.example');
    const discoveredAt = new Date(t.clock.now().getTime() - 3600_000).toISOString();
    const created = await send('POST', admin, '/api/privacy/breaches', {
      title: 'แฟ้มรายงานส่งอีเมลผิดผู้รับ',
      description: 'รายงานรายเดือนของจังหวัดถูกส่งไปยังผู้รับภายนอก',
      discoveredAt,
      affectedCount: 12,
      risk: 'risk',
    });
    expect(created.statusCode).toBe(201);
    const breach = created.json();
    expect(new Date(breach.notifyBy).getTime()).toBe(new Date(discoveredAt).getTime() + 72 * 3600_000);
    expect(breach.overdue).toBe(false);

    t.clock.advanceMinutes(72 * 60);
    admin = await session('admin@oscc.example');
    expect((await get(admin, `/api/privacy/breaches/${breach.id}`)).json().overdue).toBe(true);
    const notified = await send('PATCH', admin, `/api/privacy/breaches/${breach.id}`, {
      officeNotifiedAt: t.clock.now().toISOString(),
      measures: 'เปลี่ยนรหัสผ่านและเพิกถอนลิงก์',
    });
    expect(notified.json()).toMatchObject({ overdue: false, measures: 'เปลี่ยนรหัสผ่านและเพิกถอนลิงก์' });
    const future = await send('POST', admin, '/api/privacy/breaches', {
      title: 'ยังไม่เกิด',
      description: 'x',
      discoveredAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      risk: 'high',
    });
    expect(future.statusCode).toBe(400);
  });
});

describe('reminders of the law’s clocks', () => {
  it('e-mails the data protection officers before a breach’s 72 hours or a request’s 30 days run out — once', async () => {
    admin = await session('admin@oscc.example');
    const now = t.clock.now().getTime();
    const breach = (
      await send('POST', admin, '/api/privacy/breaches', {
        title: 'เครื่องคอมพิวเตอร์ของศูนย์สูญหาย',
        description: 'โน้ตบุ๊กที่มีไฟล์รายงานสูญหาย',
        discoveredAt: new Date(now - 50 * 3600_000).toISOString(), // 22 hours left
        risk: 'high',
      })
    ).json();
    const quiet = (
      await send('POST', admin, '/api/privacy/breaches', {
        title: 'ไม่มีความเสี่ยง',
        description: 'ส่งอีเมลภายในผิดคน ไม่มีข้อมูลส่วนบุคคล',
        discoveredAt: new Date(now - 60 * 3600_000).toISOString(),
        risk: 'unlikely',
      })
    ).json();
    const request = (
      await send('POST', admin, '/api/privacy/requests', {
        kind: 'erasure',
        requesterName: 'นายขอลบ ข้อมูลตน',
        contact: '0855554444',
        receivedAt: new Date(now - 28 * 24 * 3600_000).toISOString(), // due in 2 days
      })
    ).json();
    const sent = await sendPrivacyReminders(t.database.db, t.clock, 'https://oscc.test');
    expect(sent.recipients).toBeGreaterThan(0);
    const mail = await t.database.db
      .selectFrom('outbound_email')
      .select(['to_address', 'text_body'])
      .where('subject', 'like', '%PDPA deadlines%')
      .execute();
    expect(mail.map((m) => m.to_address)).toContain('admin@oscc.example');
    const body = mail.find((m) => m.to_address === 'admin@oscc.example')!.text_body;
    expect(body).toContain(breach.reference);
    expect(body).toContain(request.reference);
    expect(body).not.toContain(quiet.reference); // no notice needed: no reminder
    expect(body).not.toContain('ขอลบ'); // references and deadlines, nothing about the people
    expect(body).not.toContain('0855554444');
    // Once: the next hourly run says nothing new; twelve hours later, still not told: reminded again.
    expect((await sendPrivacyReminders(t.database.db, t.clock, 'https://oscc.test')).recipients).toBe(0);
    t.clock.advanceMinutes(12 * 60);
    const again = await sendPrivacyReminders(t.database.db, t.clock, 'https://oscc.test');
    expect(again.breaches).toBeGreaterThan(0);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in change without the session’s token, and hands the token out with the session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'socialworker@oscc.example', password: 'oscc-demo-1300' },
    });
    const session = response.cookies.find((c) => c.name === 'oscc_session')!;
    const token = response.cookies.find((c) => c.name === 'oscc_csrf')!;
    expect(token.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.httpOnly).toBeFalsy();
    expect(token.sameSite).toBe('Strict');
    const cookie = `oscc_session=${session.value}; oscc_csrf=${token.value}`;
    const body = { reason: 'ทดสอบการป้องกันการปลอมแปลงคำขอ' };
    const caseId = await newCase();
    // (The harness adds the right token unless the test sends the token's cookie itself, as here.)
    for (const header of [{}, { 'x-csrf-token': '' }, { 'x-csrf-token': 'forged' }]) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/reveal`,
        headers: { cookie, ...header },
        payload: body,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('CSRF_TOKEN_INVALID');
    }
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/reveal`,
      headers: { cookie, 'x-csrf-token': token.value },
      payload: body,
    });
    expect(accepted.statusCode).toBe(200);
    // Reading needs no token; signing out takes it back.
    expect((await t.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, 'x-csrf-token': token.value },
    });
    expect(out.cookies.find((c) => c.name === 'oscc_csrf')?.value).toBe('');
  });
});
