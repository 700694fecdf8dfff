import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let admin: string;
let coordinator: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
});
afterAll(async () => t.close());

const HEADINGS = [
  'ลำดับ',
  'รหัสหน่วยงาน',
  'ชื่อหน่วยงาน',
  'ชื่อภาษาอังกฤษ',
  'ประเภทหน่วยงาน',
  'สังกัด',
  'จังหวัด',
  'อำเภอ/เขต',
  'ตำบล/แขวง',
  'รหัสไปรษณีย์',
  'โทรศัพท์',
  'อีเมล',
  'เวลาทำการ',
  'พื้นที่รับผิดชอบ',
  'ประเภทปัญหาที่รับ',
];

/** A workbook as a province office would fill it in: a title, Thai headings, Thai digits, a blank row. */
async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('หน่วยงาน');
  sheet.addRow(['แบบนำเข้าข้อมูลหน่วยงานเครือข่าย จังหวัดราชบุรี']);
  sheet.mergeCells(1, 1, 1, HEADINGS.length);
  sheet.addRow(HEADINGS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const ROWS: (string | number | null)[][] = [
  [
    '๑',
    'NGO-70-001',
    'มูลนิธิเพื่อเด็กบ้านโป่ง',
    'Ban Pong Children Foundation',
    'องค์กรพัฒนาเอกชน (NGO)',
    'MSDHS-DCY',
    'จ.ราชบุรี',
    'บ้านโป่ง',
    'บ้านโป่ง',
    '๗๐๑๑๐',
    '032-211-000',
    'info@banpong-children.example',
    'จ-ศ 08:30-16:30; ส 09:00-12:00',
    '7005, 700502',
    'การค้ามนุษย์, child_labour',
  ],
  [
    '๒',
    'MOL-LPO-70',
    'สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดราชบุรี',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '032-337-111',
    null,
    '24 ชั่วโมง',
    null,
    null,
  ],
  [
    '๓',
    'MSDHS-PO-70',
    'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดราชบุรี',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
  [
    '๔',
    'BAD-1',
    'หน่วยงานผิด',
    null,
    'ยานอวกาศ',
    'MSDHS',
    'แอตแลนติส',
    null,
    null,
    '123',
    null,
    'not-an-email',
    'บ่ายๆ',
    '9999',
    'เรื่องอื่น',
  ],
  ['๕', 'NGO-70-001', 'ซ้ำ', null, 'ngo', 'MSDHS', 'ราชบุรี', null, null, null, null, null, null, null, null],
];

async function importFile(cookie: string, body: Buffer | string, query = '', type = XLSX) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/units/import${query}`,
    headers: { cookie, 'content-type': type },
    payload: body,
  });
  return { status: response.statusCode, body: response.json() };
}

describe('importing units from a spreadsheet', () => {
  it('reports row by row in a dry run — and changes nothing', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const { status, body } = await importFile(admin, await workbook(ROWS));
    expect(status).toBe(200);
    expect(body.applied).toBe(false);
    expect(body.summary).toEqual({ create: 1, update: 1, unchanged: 1, error: 2 });
    const [create, update, unchanged, bad, duplicate] = body.rows;
    expect(create).toMatchObject({ rowNumber: 3, code: 'NGO-70-001', action: 'create' });
    expect(update).toMatchObject({ code: 'MOL-LPO-70', action: 'update', changes: ['phone', 'officeHours'] });
    expect(unchanged).toMatchObject({ code: 'MSDHS-PO-70', action: 'unchanged' });
    expect(bad.rowNumber).toBe(7); // the blank row is skipped, not reported
    expect(bad.problems.map((p: { code: string }) => p.code).sort()).toEqual(
      [
        'invalid',
        'invalid',
        'invalid',
        'unknown_area',
        'unknown_problem_type',
        'unknown_province',
        'unknown_type',
      ].sort(),
    );
    expect(bad.problems.find((p: { code: string }) => p.code === 'unknown_type').th).toContain('ยานอวกาศ');
    expect(duplicate.problems[0]).toMatchObject({ code: 'duplicate', th: expect.stringContaining('แถวที่ 3') });

    const unit = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', 'NGO-70-001')
      .executeTakeFirst();
    expect(unit).toBeUndefined();
    const after = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('applies the valid rows, with every field, and audits them; importing again changes nothing', async () => {
    const file = await workbook(ROWS);
    const { body } = await importFile(admin, file, '?apply=true');
    expect(body.applied).toBe(true);
    const list = await t.app.inject({ url: '/api/units?q=NGO-70-001', headers: { cookie: admin } });
    const id = list.json().items[0].id;
    const detail = (await t.app.inject({ url: `/api/units/${id}`, headers: { cookie: admin } })).json();
    expect(detail).toMatchObject({
      type: 'ngo',
      nameEn: 'Ban Pong Children Foundation',
      provinceCode: '70',
      districtCode: '7005',
      subdistrictCode: '700501',
      postcode: '70110',
      email: 'info@banpong-children.example',
      problemTypes: ['human_trafficking', 'child_labour'],
    });
    expect(detail.areas.map((a: { code: string }) => a.code)).toEqual(['7005', '700502']);
    expect(detail.officeHours).toEqual({
      kind: 'business',
      periods: [
        ...[1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:30', closes: '16:30' })),
        { day: 6, opens: '09:00', closes: '12:00' },
      ],
      closedOnPublicHolidays: true,
    });
    const labour = await t.database.db
      .selectFrom('unit')
      .select(['phone', 'open_24_hours'])
      .where('code', '=', 'MOL-LPO-70')
      .executeTakeFirstOrThrow();
    expect(labour).toEqual({ phone: '032-337-111', open_24_hours: true });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'after_state'])
      .where('action', 'in', ['unit.create', 'unit.update'])
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['unit.create', 'unit.update']);
    expect(audit[1]!.after_state).toMatchObject({ phone: '032-337-111', officeHours: { kind: '24h' } });

    const again = await importFile(admin, file, '?apply=true');
    expect(again.body.summary).toEqual({ create: 0, update: 0, unchanged: 3, error: 2 });
    expect(again.body.applied).toBe(false);
  });

  it('reads CSV saved from Excel: UTF-8 with a byte-order mark, semicolons, English headings', async () => {
    const csv =
      '\uFEFFcode;name_th;type;agency;province;district;office_hours;areas;problem_types\n' +
      'RTP-70-99;สถานีตำรวจภูธรโพธาราม;สถานีตำรวจ;RTP;ราชบุรี;โพธาราม;24 ชั่วโมง;7008;violence;\n';
    const { body } = await importFile(admin, csv, '?apply=true&filename=units.csv', 'text/csv');
    expect(body.summary).toMatchObject({ create: 1, error: 0 });
    const unit = await t.database.db
      .selectFrom('unit')
      .select(['district_code', 'open_24_hours', 'type'])
      .where('code', '=', 'RTP-70-99')
      .executeTakeFirstOrThrow();
    expect(unit).toEqual({ district_code: '7007', open_24_hours: true, type: 'police_station' });
  });

  it('keeps the stored district and subdistrict that still lie inside a place given in part', async () => {
    const rows = [
      ['1', 'MOI-SAO-700101', null, null, null, null, 'ราชบุรี', null, null, null, '032-000-001', null, null, null, null],
      ['2', 'MOI-SAO-700102', null, null, null, null, 'ราชบุรี', 'บ้านโป่ง', null, null, null, null, null, null, null],
    ];
    const { body } = await importFile(admin, await workbook(rows), '?apply=true');
    expect(body.rows.map((r: { changes: string[] }) => r.changes)).toEqual([
      ['phone'],
      ['districtCode', 'subdistrictCode'],
    ]);
    const units = await t.database.db
      .selectFrom('unit')
      .select(['code', 'district_code', 'subdistrict_code'])
      .where('code', 'in', ['MOI-SAO-700101', 'MOI-SAO-700102'])
      .orderBy('code')
      .execute();
    expect(units).toEqual([
      { code: 'MOI-SAO-700101', district_code: '7001', subdistrict_code: '700101' },
      { code: 'MOI-SAO-700102', district_code: '7005', subdistrict_code: null },
    ]);
  });

  it('keeps a province coordinator to their province, row by row', async () => {
    const rows = [
      [
        '1',
        'NGO-70-002',
        'ชมรมผู้สูงอายุราชบุรี',
        null,
        'ngo',
        'MSDHS',
        'ราชบุรี',
        null,
        null,
        null,
        null,
        null,
        null,
        '70',
        'elderly',
      ],
      [
        '2',
        'NGO-50-001',
        'มูลนิธิเชียงใหม่',
        null,
        'ngo',
        'MSDHS',
        'เชียงใหม่',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '3',
        'MSDHS-PO-50',
        'สำนักงาน พมจ. เชียงใหม่',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '053-000-000',
        null,
        null,
        null,
        null,
      ],
    ];
    const { body } = await importFile(coordinator, await workbook(rows));
    expect(body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'error', 'error']);
    expect(body.rows[1].problems[0]).toMatchObject({ code: 'outside_reach', th: 'หน่วยงานนี้อยู่นอกขอบเขตสิทธิ์ของคุณ' });
  });

  it('explains a file it cannot use, and refuses people without the permission', async () => {
    const noHeader = await importFile(
      admin,
      await workbook([]).then(async () => {
        const book = new ExcelJS.Workbook();
        book.addWorksheet('x').addRow(['ชื่อ', 'นามสกุล']);
        return Buffer.from(await book.xlsx.writeBuffer());
      }),
    );
    expect(noHeader.status).toBe(200);
    expect(noHeader.body.problems[0].code).toBe('no_header');
    const garbage = await importFile(admin, Buffer.from('this is not a workbook'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('VALIDATION_FAILED');
    const empty = await importFile(admin, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const officer = await signIn(t.app, 'officer@oscc.example');
    expect((await importFile(officer, await workbook(ROWS))).status).toBe(403);
  });
});
