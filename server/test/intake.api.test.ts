import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/identity/index.ts';
import { createFieldProtector, parseFieldKeys } from '../src/platform/crypto/field-protection.ts';
import { createTestApp, signIn, TEST_FIELD_KEYS, type TestApp } from './harness.ts';

const fields = createFieldProtector(parseFieldKeys(TEST_FIELD_KEYS.FIELD_KEYS, TEST_FIELD_KEYS.FIELD_HASH_KEY));

/**
 * Intake, first part: every contact kept, cases with their people stored
 * protected, numbered by Buddhist-era year and routed by the units' own areas
 * and problem types.
 */
let t: TestApp;
let calltaker: string;
let admin: string;
const DISTRICT = '3801'; // เมืองบึงกาฬ
const SUBDISTRICT = '380101'; // บึงกาฬ

beforeAll(async () => {
  t = await createTestApp();
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  admin = await signIn(t.app, 'admin@oscc.example');
  // Bueng Kan (38): the demo has only its provincial office there, which takes every problem at province level.
  const place = await t.database.db
    .selectFrom('geo_subdistrict')
    .select(['code', 'district_code'])
    .where('code', '=', SUBDISTRICT)
    .executeTakeFirstOrThrow();
  expect(place.district_code.trim()).toBe(DISTRICT);
});
afterAll(async () => t.close());

async function post(cookie: string, payload: object) {
  const response = await t.app.inject({ method: 'POST', url: '/api/intake/contacts', headers: { cookie }, payload });
  return { status: response.statusCode, body: response.json() };
}

const count = async (table: 'intake_contact' | 'case_file' | 'case_person') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const aCase = (overrides: Record<string, unknown> = {}) => ({
  problemTypes: ['begging'],
  location: { areaCode: SUBDISTRICT, address: 'หน้าตลาดสด บ้านเลขที่ 12' },
  narrative: 'ผู้แจ้งพบเด็กหญิงอายุประมาณ 8 ปี ขอทานอยู่หน้าตลาดทุกวัน',
  reporter: { anonymous: false, relation: 'neighbour' },
  people: [
    { role: 'victim', name: 'เด็กหญิงมะลิ', idType: 'none', estimatedAge: 8, sex: 'female' },
    {
      role: 'alleged_perpetrator',
      name: 'นายสมชาย ใจร้าย',
      idType: 'thai_id',
      idNumber: '1-1012-00023-45-2',
      sex: 'male',
      phone: '081 234 5678',
    },
  ],
  ...overrides,
});

describe('every contact is kept', () => {
  it('records a call that ended with advice, and finds it again by the caller’s number written another way', async () => {
    const { status, body } = await post(calltaker, {
      callerPhone: '081-999-1300',
      outcome: 'advice',
      summary: 'สอบถามสิทธิ์เบี้ยผู้สูงอายุ',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ outcome: 'advice', case: null });
    const history = await t.app.inject({
      url: `/api/intake/callers?phone=${encodeURIComponent('+66 81 999 1300')}`,
      headers: { cookie: calltaker },
    });
    expect(history.json().contacts).toEqual([expect.objectContaining({ id: body.contactId, outcome: 'advice' })]);
    // Stored protected: neither the number nor the summary is in the row.
    const row = await t.database.db
      .selectFrom('intake_contact')
      .selectAll()
      .where('id', '=', body.contactId)
      .executeTakeFirstOrThrow();
    // (Whole values only: short digit runs turn up in ciphertext by chance.)
    expect(JSON.stringify(row)).not.toMatch(/819991300|เบี้ย/);
  });

  it('keeps silent calls and pranks too, without a number', async () => {
    for (const outcome of ['silent', 'prank', 'wrong_number'])
      expect((await post(calltaker, { outcome })).status).toBe(201);
  });
});

describe('a contact that becomes a case', () => {
  it('numbers it by the Buddhist-era year, stores identities protected and routes it to the most specific unit', async () => {
    // A unit answering for the subdistrict (office hours) and one for the district (24 hours), both taking begging.
    const agency = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', 'MSDHS-OPS')
      .executeTakeFirstOrThrow();
    const create = (code: string, areas: string[], officeHours: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/units',
        headers: { cookie: admin },
        payload: {
          agencyId: agency.id,
          code,
          type: 'ngo',
          nameTh: `หน่วยทดสอบ ${code}`,
          provinceCode: '38',
          officeHours,
          areas,
          problemTypes: ['begging', 'homelessness'],
        },
      });
    const local = (await create('BK-LOCAL', [SUBDISTRICT], undefined)).json();
    const night = (await create('BK-NIGHT', [DISTRICT], { kind: '24h' })).json();

    const first = await post(calltaker, { callerPhone: '0812345678', outcome: 'case', case: aCase() });
    expect(first.status).toBe(201);
    expect(first.body.case).toMatchObject({
      caseNumber: '2569-000001',
      status: 'new',
      routing: { kind: 'area', unitId: local.id, areaLevel: 'subdistrict', areaCode: SUBDISTRICT },
    });

    // A crisis on Saturday night: the subdistrict's office is closed, the district's 24-hour unit is open.
    t.clock.set('2026-12-05T15:00:00Z'); // Saturday 22:00 in Bangkok
    const nightShift = await signIn(t.app, 'calltaker@oscc.example');
    const crisis = await post(nightShift, { outcome: 'case', case: aCase({ crisis: true, severity: 4 }) });
    expect(crisis.body.case).toMatchObject({
      caseNumber: '2569-000002',
      routing: { unitId: night.id, areaLevel: 'district', reason: expect.stringContaining('open now') },
    });
    // Not a crisis: the most specific unit still gets it, whatever the hour.
    const calm = await post(nightShift, { outcome: 'case', case: aCase() });
    expect(calm.body.case.routing.unitId).toBe(local.id);
    t.clock.set('2026-12-01T03:00:00.000Z');
    calltaker = await signIn(t.app, 'calltaker@oscc.example');

    const stored = await t.database.db
      .selectFrom('case_person')
      .selectAll()
      .where('case_id', '=', first.body.case.id)
      .orderBy('role')
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/มะลิ|สมชาย|1101200023452|812345678/);
    expect(stored.map((p) => p.role).sort()).toEqual(['alleged_perpetrator', 'victim']);
    const caseRow = await t.database.db
      .selectFrom('case_file')
      .selectAll()
      .where('id', '=', first.body.case.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(caseRow)).not.toMatch(/ตลาด|มะลิ/);
    expect(fields.reveal(caseRow.narrative_protected, 'case.narrative')).toContain('ขอทาน');

    // The caller's earlier case shows when the number is typed again.
    const history = await t.app.inject({
      url: '/api/intake/callers?phone=081-234-5678',
      headers: { cookie: calltaker },
    });
    expect(history.json().openCases.map((c: { caseNumber: string }) => c.caseNumber)).toContain('2569-000001');

    // The trail says what happened without the identities.
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'after_state'])
      .where('entity_id', '=', first.body.case.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('case.create');
    expect(audit.after_state).toMatchObject({ caseNumber: '2569-000001', people: 2, problemTypes: ['begging'] });
    expect(JSON.stringify(audit.after_state)).not.toMatch(/มะลิ|สมชาย|ตลาด/);
  });

  it('puts a case no unit takes into the central triage queue', async () => {
    await t.database.db
      .insertInto('problem_type')
      .values({ code: 'test_unclaimed', name_th: 'ไม่มีหน่วยรับ', name_en: 'Unclaimed', lead_agency_code: null })
      .execute();
    const { body } = await post(calltaker, { outcome: 'case', case: aCase({ problemTypes: ['test_unclaimed'] }) });
    expect(body.case).toMatchObject({ status: 'triage', routing: { kind: 'triage', unitId: null } });
  });

  it('numbers the first cases of a new year from 1, side by side, without a number twice', async () => {
    t.clock.set('2027-01-01T00:30:00+07:00'); // half past midnight in Bangkok: year 2570 has no case yet
    const newYear = await signIn(t.app, 'calltaker@oscc.example');
    // At once: the first few race to make the year's sequence (on PostgreSQL in separate transactions).
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post(newYear, { outcome: 'case', case: aCase({ problemTypes: ['violence'] }) })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201));
    const numbers = answers.map((answer) => answer.body.case.caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `2570-00000${i + 1}`));
    t.clock.set('2026-12-01T03:00:00.000Z');
    calltaker = await signIn(t.app, 'calltaker@oscc.example');
  });
});

describe('screening: earlier cases that may be about the same people', () => {
  const related = async (query: string) =>
    (await t.app.inject({ url: `/api/intake/related?${query}`, headers: { cookie: calltaker } })).json();

  it('finds them by the same phone, the same ID, or a similar name in the same province', async () => {
    const byPhone = await related(`phone=${encodeURIComponent('+66 81 234 5678')}`);
    expect(byPhone.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain('2569-000001');
    expect(byPhone.items[0].reasons).toContain('same_phone');

    const byId = await related('idType=thai_id&idNumber=1101200023452');
    expect(byId.items.length).toBeGreaterThan(0);
    expect(byId.items.every((c: { reasons: string[] }) => c.reasons.includes('same_id'))).toBe(true);

    // Typed differently — another title and a mistyped vowel — in the same province.
    const byName = await related(`name=${encodeURIComponent('นาย สมชาย ใจร้ำย')}&areaCode=38`);
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byName.items[0].reasons).toEqual(['similar_name']);
    expect((await related(`name=${encodeURIComponent('นาย สมชาย ใจร้ำย')}&areaCode=70`)).items).toEqual([]);
    expect((await related(`name=${encodeURIComponent('นางสมศรี ทองคำ')}&areaCode=38`)).items).toEqual([]);
  });

  it('says which search term is wrong', async () => {
    const response = await t.app.inject({
      url: '/api/intake/related?idType=thai_id&idNumber=1101200023451',
      headers: { cookie: calltaker },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('query.idNumber');
  });
});

describe('bad input gets a clear error and writes nothing', () => {
  it.each([
    [{ outcome: 'case' }, 'body.case'],
    [{ outcome: 'advice', case: aCase() }, 'body.case'],
    [{ outcome: 'advice', callerPhone: 'โทรมาจากตู้' }, 'body.callerPhone'],
    [{ outcome: 'case', case: aCase({ location: { areaCode: '389999' } }) }, 'body.case.location.areaCode'],
    [{ outcome: 'case', case: aCase({ problemTypes: ['aliens'] }) }, 'body.case.problemTypes'],
    [
      {
        outcome: 'case',
        case: aCase({ people: [{ role: 'victim', idType: 'thai_id', idNumber: '1101200023451' }] }),
      },
      'body.case.people.0.idNumber',
    ],
    [{ outcome: 'case', case: aCase({ narrative: '' }) }, 'body.case.narrative'],
    [{ outcome: 'maybe' }, 'body.outcome'],
  ])('%j → 400 at %s', async (payload, path) => {
    const before = await Promise.all([count('intake_contact'), count('case_file'), count('case_person')]);
    const { status, body } = await post(calltaker, payload);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((f: { path: string }) => f.path).join()).toContain(path);
    expect(await Promise.all([count('intake_contact'), count('case_file'), count('case_person')])).toEqual(before);
  });

  it('is not for people whose role takes no contacts', async () => {
    const executive = await signIn(t.app, 'executive@oscc.example');
    expect((await post(executive, { outcome: 'silent' })).status).toBe(403);
  });
});

describe('a report from the public website', () => {
  const report = (overrides: Record<string, unknown> = {}) => ({
    problemTypes: ['violence'],
    location: { areaCode: SUBDISTRICT },
    narrative: 'ได้ยินเสียงเด็กร้องและเสียงตีทุกคืนที่บ้านข้าง ๆ',
    reporter: { anonymous: false, relation: 'neighbour', name: 'ผู้หวังดี', phone: '089-111-2222' },
    consent: true,
    ...overrides,
  });
  const submit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/reports', payload });
  const status = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/reports/status', payload });

  it('becomes a routed case without sign-in, and its status shows for the tracking code and PIN only', async () => {
    const response = await submit(report());
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt.trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(receipt.pin).toMatch(/^\d{6}$/);

    const stored = await t.database.db
      .selectFrom('public_report')
      .innerJoin('case_file', 'case_file.id', 'public_report.case_id')
      .select(['case_file.channel', 'case_file.status', 'public_report.pin_hash'])
      .where('public_report.tracking_code', '=', receipt.trackingCode.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(stored.channel).toBe('web');
    // A keyed hash bound to the tracking code: without the hash key (never in the database) the PIN cannot be tried.
    expect(stored.pin_hash).toMatch(/^hmac-sha256\$[\w-]{43}$/);
    expect(stored.pin_hash).not.toContain(receipt.pin);

    const ok = await status({ trackingCode: receipt.trackingCode.toLowerCase(), pin: receipt.pin });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      trackingCode: receipt.trackingCode,
      stage: 'received',
      receivedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(ok.body).not.toMatch(/ผู้หวังดี|891112222|เด็ก/);
  });

  it('answers a wrong PIN and an unknown code alike, and locks the code after five wrong PINs', async () => {
    const receipt = (await submit(report())).json();
    const wrongPin = receipt.pin === '000000' ? '111111' : '000000';
    const unknown = await status({ trackingCode: 'AAAAA-AAAAA', pin: '123456' });
    const wrong = await status({ trackingCode: receipt.trackingCode, pin: wrongPin });
    expect([unknown.statusCode, wrong.statusCode]).toEqual([404, 404]);
    expect(unknown.json().error.message).toEqual(wrong.json().error.message);
    for (let i = 0; i < 4; i += 1) await status({ trackingCode: receipt.trackingCode, pin: wrongPin });
    // Locked now: even the right PIN is refused until the quarter of an hour has passed.
    expect((await status({ trackingCode: receipt.trackingCode, pin: receipt.pin })).statusCode).toBe(404);
    t.clock.advanceMinutes(16);
    expect((await status({ trackingCode: receipt.trackingCode, pin: receipt.pin })).statusCode).toBe(200);
    t.clock.set('2026-12-01T03:00:00.000Z');
  });

  it('still opens a report whose PIN was stored as an argon2id hash before the keyed hash', async () => {
    const receipt = (await submit(report())).json();
    const code = receipt.trackingCode.replace('-', '');
    await t.database.db
      .updateTable('public_report')
      .set({ pin_hash: await hashPassword(receipt.pin) })
      .where('tracking_code', '=', code)
      .execute();
    const wrongPin = receipt.pin === '000000' ? '111111' : '000000';
    expect((await status({ trackingCode: receipt.trackingCode, pin: wrongPin })).statusCode).toBe(404);
    expect((await status({ trackingCode: receipt.trackingCode, pin: receipt.pin })).statusCode).toBe(200);
  });

  it('needs the privacy notice accepted, a known place and a story — and writes nothing otherwise', async () => {
    const before = await count('case_file');
    for (const payload of [
      report({ consent: false }),
      report({ location: { areaCode: '389999' } }),
      report({ narrative: '' }),
      report({ problemTypes: ['x', 'y', 'z', 'w'] }),
    ]) {
      const response = await submit(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const tooBig = await submit(report({ narrative: 'ก'.repeat(70_000) }));
    expect(tooBig.statusCode).toBe(413);
    expect(await count('case_file')).toBe(before);
  });

  it('makes one case of a report however often a flaky phone sends it with the same Idempotency-Key', async () => {
    const before = await count('case_file');
    const send = (payload: object, key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        headers: { 'idempotency-key': key },
        payload,
      });
    const first = await send(report(), 'app-7f3a9c21-retry');
    const again = await Promise.all([send(report(), 'app-7f3a9c21-retry'), send(report(), 'app-7f3a9c21-retry')]);
    expect(first.statusCode).toBe(201);
    for (const response of again) expect(response.json()).toEqual(first.json());
    expect(await count('case_file')).toBe(before + 1);
    // The stored answer holds the PIN: it is kept protected, not in the clear.
    const stored = await t.database.db.selectFrom('idempotent_request').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(first.json().pin);

    const reused = await send(report({ narrative: 'เรื่องอื่นทั้งหมด' }), 'app-7f3a9c21-retry');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await send(report(), 'short')).statusCode).toBe(400);
    expect(await count('case_file')).toBe(before + 1);
  });

  it('gives a robot that filled the hidden field a receipt that leads nowhere, and keeps nothing', async () => {
    const before = await Promise.all([count('case_file'), count('intake_contact')]);
    const response = await submit(report({ website: 'http://spam.example' }));
    expect(response.statusCode).toBe(201);
    expect(await Promise.all([count('case_file'), count('intake_contact')])).toEqual(before);
    const receipt = response.json();
    expect((await status({ trackingCode: receipt.trackingCode, pin: receipt.pin })).statusCode).toBe(404);
  });
});

describe('the mobile app and photos: the same report as multipart/form-data', () => {
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
      '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
    'hex',
  );
  const report = {
    problemTypes: ['child_labour'],
    location: { areaCode: SUBDISTRICT },
    narrative: 'เด็กอายุราว 12 ปีทำงานในโรงงานทั้งวัน ไม่ได้ไปโรงเรียน',
    consent: true,
    source: 'mobile_app',
  };
  async function form(json: unknown, photos: { name: string; content: Buffer }[]) {
    const data = new FormData();
    if (json !== undefined) data.append('report', typeof json === 'string' ? json : JSON.stringify(json));
    for (const photo of photos) data.append('photos', new Blob([new Uint8Array(photo.content)]), photo.name);
    const request = new Request('http://local/', { method: 'POST', body: data });
    return { payload: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
  }
  let sent = 0;
  const send = async (json: unknown, photos: { name: string; content: Buffer }[], key?: string) => {
    const { payload, type } = await form(json, photos);
    // Each from its own address: the public endpoint allows only a few reports an hour from one.
    sent += 1;
    return t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: `10.13.0.${sent}`,
      headers: { 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  };
  const cases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('case_file')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('makes one routed case on the mobile-app channel with its photo, however often it is retried', async () => {
    const before = await cases();
    const first = await send(report, [{ name: 'โรงงาน.png', content: PNG }], 'mobile-retry-0001');
    expect(first.statusCode).toBe(201);
    const again = await send(report, [{ name: 'โรงงาน.png', content: PNG }], 'mobile-retry-0001');
    expect(again.json()).toEqual(first.json());
    expect(await cases()).toBe(before + 1);
    // The same key with another photo is another request: refused.
    const other = await send(
      report,
      [{ name: 'x.png', content: Buffer.concat([PNG, Buffer.from([0])]) }],
      'mobile-retry-0001',
    );
    expect(other.statusCode).toBe(422);

    const stored = await t.database.db
      .selectFrom('public_report')
      .innerJoin('case_file', 'case_file.id', 'public_report.case_id')
      .innerJoin('case_attachment', 'case_attachment.case_id', 'case_file.id')
      .select([
        'case_file.channel',
        'case_file.responsible_unit_id',
        'case_attachment.media_type',
        'case_attachment.source',
      ])
      .where('public_report.tracking_code', '=', first.json().trackingCode.replace('-', ''))
      .execute();
    expect(stored).toEqual([
      { channel: 'mobile_app', responsible_unit_id: expect.any(String), media_type: 'image/png', source: 'public' },
    ]);
  });

  it('refuses a non-image, an oversized photo, too many photos, a missing or broken report — and creates nothing', async () => {
    const before = await cases();
    const fake = await send(report, [{ name: 'photo.jpg', content: Buffer.from('MZ\x90\x00 not a photo at all') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.fields).toEqual([
      expect.objectContaining({ path: 'body.photos.0', code: 'unsupported_file_type' }),
    ]);
    const pdf = await send(report, [{ name: 'a.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    expect(pdf.statusCode).toBe(400); // the public sends photos only
    const huge = await send(report, [
      { name: 'big.png', content: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) },
    ]);
    expect(huge.statusCode).toBe(413);
    const four = await send(
      report,
      Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, content: PNG })),
    );
    expect(four.statusCode).toBe(413);
    const missing = await send(undefined, [{ name: 'a.png', content: PNG }]);
    expect(missing.json().error.fields[0]).toMatchObject({ path: 'body.report', code: 'required' });
    const broken = await send('{"problemTypes": [', []);
    expect(broken.json().error.code).toBe('MALFORMED_REQUEST');
    const wrongTypes = await send({ ...report, crisis: 'yes', location: { areaCode: '12' } }, []);
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json().error.code).toBe('VALIDATION_FAILED');
    const unknownPlace = await send({ ...report, location: { areaCode: '999999' } }, []);
    expect(unknownPlace.json().error.fields[0].code).toBe('unknown_area');
    expect(await cases()).toBe(before);
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('case_attachment')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it('is described in the OpenAPI document as JSON and as multipart with its limits', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/public/reports'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['application/json', 'multipart/form-data']);
    expect(body['multipart/form-data'].schema.properties.photos).toMatchObject({ type: 'array', maxItems: 3 });
    expect(body['multipart/form-data'].schema.required).toEqual(['report']);
    expect(doc.paths['/api/cases/{id}/attachments'].post.requestBody.content['multipart/form-data']).toBeDefined();
  });
});

describe('hand to a social worker', () => {
  it('hands a call to a social worker who covers the place, who then finds it in their own queue', async () => {
    const social = await signIn(t.app, 'socialworker@oscc.example'); // Ratchaburi (70)
    const options = await t.app.inject({
      url: '/api/intake/social-workers?areaCode=700101',
      headers: { cookie: calltaker },
    });
    expect(options.statusCode).toBe(200);
    const worker = options.json().items.find((o: { displayName: string }) => o.displayName.length > 0);
    expect(worker).toMatchObject({ id: expect.any(String), openCases: expect.any(Number) });
    // Nobody in the demo covers Bueng Kan (38) as a social worker.
    const none = await t.app.inject({ url: '/api/intake/social-workers?areaCode=38', headers: { cookie: calltaker } });
    expect(none.json().items).toEqual([]);

    const handed = await post(calltaker, {
      outcome: 'case',
      callerPhone: '0861234500',
      case: aCase({ location: { areaCode: '700101' }, problemTypes: ['domestic_violence'] }),
      handTo: worker.id,
    });
    expect(handed.status).toBe(201);
    expect(handed.body.case.assignee).toEqual({ id: worker.id, displayName: worker.displayName });
    const mine = await t.app.inject({ url: '/api/cases?queue=mine', headers: { cookie: social } });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toContain(handed.body.case.id);
    expect(mine.json().items[0].assignee.id).toBe(worker.id);
  });

  it('refuses to hand over outside the social worker’s area, to someone who is not one, or without a case', async () => {
    const worker = (
      await t.app.inject({ url: '/api/intake/social-workers?areaCode=70', headers: { cookie: calltaker } })
    ).json().items[0];
    const before = await count('case_file');
    const outside = await post(calltaker, { outcome: 'case', case: aCase(), handTo: worker.id }); // Bueng Kan
    expect(outside.body.error.fields[0]).toMatchObject({ path: 'body.handTo', code: 'outside_reach' });
    const adminUser = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'admin@oscc.example')
      .executeTakeFirstOrThrow();
    const notOne = await post(calltaker, {
      outcome: 'case',
      case: aCase({ location: { areaCode: '70' } }),
      handTo: adminUser.id,
    });
    expect(notOne.body.error.fields[0].code).toBe('not_a_social_worker');
    const noCase = await post(calltaker, { outcome: 'advice', handTo: worker.id });
    expect(noCase.body.error.fields[0]).toMatchObject({ path: 'body.handTo', code: 'case_required' });
    expect(await count('case_file')).toBe(before);
  });
});
