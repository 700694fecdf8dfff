import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildFrontLine1Workbook,
  generateFrontLine1People,
  type FrontLine1FixturePerson,
  type FrontLine1FixtureSheet,
} from './build-front-line-1-fixture.ts';
import { parseFrontLine1Csv, parseFrontLine1Workbook, type FrontLine1Row } from './parse-front-line-1.ts';

const today = new Date('2026-05-15T03:00:00Z');

const somchai: FrontLine1FixturePerson = {
  titleTh: 'นาย',
  firstNameTh: 'สมชาย',
  lastNameTh: 'ใจดี',
  firstNameEn: 'Somchai',
  lastNameEn: 'Jaidee',
  position: 'หัวหน้ากลุ่มงานส่งเสริมและพัฒนาท้องถิ่น',
  supervisorName: 'นายประเสริฐ มั่นคง',
  birthDate: '12/03/2525',
  gender: 'ชาย',
  mobile: '081-234-5678',
  email: 'Somchai.J@Example.go.th',
  unit: {
    name: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดราชบุรี',
    address: '1 ถนนสมบูรณ์กุล',
    subdistrict: 'หน้าเมือง',
    district: 'เมืองราชบุรี',
    province: 'ราชบุรี',
    postcode: '70000',
  },
};

const malee: FrontLine1FixturePerson = {
  titleTh: 'น.ส.',
  firstNameTh: 'มาลี',
  lastNameTh: 'ศรีสุข',
  firstNameEn: 'Malee',
  lastNameEn: 'Srisuk',
  position: 'นักพัฒนาชุมชน',
  supervisorName: 'นายสมชาย ใจดี',
  birthDate: '๐๑/๑๒/๒๕๓๐',
  gender: 'หญิง',
  mobile: '๐๘๙๙๙๙๙๙๙๙',
  email: 'malee@example.go.th',
  unit: {
    name: 'เทศบาลตำบลบ้านโป่ง',
    address: '99 หมู่ 1',
    subdistrict: 'บ้านโป่ง',
    district: 'บ้านโป่ง',
    province: 'ราชบุรี',
    postcode: '๗๐๑๑๐',
  },
};

function withChanges(person: FrontLine1FixturePerson, changes: Partial<FrontLine1FixturePerson>) {
  return { ...person, ...changes };
}

async function parseSheets(...sheets: FrontLine1FixtureSheet[]) {
  return parseFrontLine1Workbook(await buildFrontLine1Workbook({ sheets }), { today });
}

function problemCodes(row: FrontLine1Row | undefined): string[] {
  return (row?.problems ?? []).map((problem) => `${problem.column}:${problem.code}`);
}

describe('parseFrontLine1Workbook', () => {
  it.each([false, true])('reads all three forms back from one workbook (misspelt headings: %s)', async (misspell) => {
    const workbook = await parseSheets(
      { form: 'province', people: [somchai, malee], misspellHeadings: misspell },
      {
        form: 'local',
        placeName: 'องค์การบริหารส่วนตำบลหนองกวาง',
        people: generateFrontLine1People(3, { emailPrefix: 'local' }),
        misspellHeadings: misspell,
      },
      {
        form: 'province-summary',
        placeName: 'ราชบุรี',
        people: generateFrontLine1People(4, { emailPrefix: 'summary' }),
        misspellHeadings: misspell,
      },
    );
    expect(workbook.sheets.map((sheet) => [sheet.form, sheet.placeName, sheet.headerRow, sheet.rows.length])).toEqual([
      ['province', 'ราชบุรี', 2, 2],
      ['local', 'องค์การบริหารส่วนตำบลหนองกวาง', 2, 3],
      ['province-summary', 'ราชบุรี', 3, 4],
    ]);
    expect(workbook.sheets.flatMap((sheet) => sheet.problems)).toEqual([]);
    expect(workbook.sheets.flatMap((sheet) => sheet.rows.flatMap((row) => row.problems))).toEqual([]);
    expect(workbook.sheets[0]?.rows[0]).toEqual({
      sheet: 'จังหวัด',
      rowNumber: 4,
      sequence: 1,
      titleTh: 'นาย',
      firstNameTh: 'สมชาย',
      lastNameTh: 'ใจดี',
      firstNameEn: 'Somchai',
      lastNameEn: 'Jaidee',
      position: 'หัวหน้ากลุ่มงานส่งเสริมและพัฒนาท้องถิ่น',
      supervisorName: 'นายประเสริฐ มั่นคง',
      birthDate: '1982-03-12',
      gender: 'male',
      mobile: '+66812345678',
      email: 'somchai.j@example.go.th',
      unit: {
        name: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดราชบุรี',
        address: '1 ถนนสมบูรณ์กุล',
        subdistrict: 'หน้าเมือง',
        district: 'เมืองราชบุรี',
        province: 'ราชบุรี',
        postcode: '70000',
      },
      problems: [],
    });
  });

  it('reads Thai digits in ลำดับ, dates, mobiles and postcodes, and full titles from abbreviations', async () => {
    const { sheets } = await parseSheets({ form: 'province', people: [somchai, malee], blankRowAfter: null });
    const row = sheets[0]?.rows[1];
    expect(row).toMatchObject({
      rowNumber: 5,
      sequence: 2,
      titleTh: 'นางสาว',
      birthDate: '1987-12-01',
      gender: 'female',
      mobile: '+66899999999',
      unit: { postcode: '70110' },
    });
  });

  it('skips blank rows, keeps Excel row numbers, and stops at the หมายเหตุ block', async () => {
    const people = generateFrontLine1People(6);
    const { sheets } = await parseSheets({ form: 'local', people, blankRowAfter: 3, titleRows: 3 });
    const sheet = sheets[0];
    expect(sheet?.headerRow).toBe(4);
    // title rows 1–3, header 4–5, people from 6, a blank row after the third person (row 9)
    expect(sheet?.rows.map((row) => row.rowNumber)).toEqual([6, 7, 8, 10, 11, 12]);
    expect(sheet?.rows.map((row) => row.email)).toEqual(people.map((person) => person.email));
    expect(sheet?.rows.every((row) => row.problems.length === 0)).toBe(true);
  });

  it('finds the header without a title, and leaves the form and place unknown', async () => {
    const { sheets } = await parseSheets({ form: 'province', people: [somchai], titleRows: 0 });
    expect(sheets[0]).toMatchObject({ form: 'unknown', placeName: null, headerRow: 1, problems: [] });
    expect(sheets[0]?.rows[0]?.rowNumber).toBe(3);
  });

  it('maps columns by heading, whatever their order', async () => {
    const { sheets } = await parseSheets({
      form: 'province',
      people: [somchai],
      misspellHeadings: true,
      columns: ['sequence', 'email', 'unit', 'nameTh', 'title', 'mobile', 'gender', 'birthDate', 'nameEn'],
    });
    expect(sheets[0]?.rows[0]).toMatchObject({
      email: 'somchai.j@example.go.th',
      firstNameTh: 'สมชาย',
      titleTh: 'นาย',
      mobile: '+66812345678',
      birthDate: '1982-03-12',
      firstNameEn: 'Somchai',
      position: null,
      supervisorName: null,
      unit: { name: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดราชบุรี', postcode: '70000' },
      problems: [],
    });
  });

  it('reads formulas by their result and rich text by its text', async () => {
    const { sheets } = await parseSheets({
      form: 'province-summary',
      people: generateFrontLine1People(3),
      formulasAndRichText: true,
      blankRowAfter: null,
    });
    expect(sheets[0]?.rows.map((row) => [row.sequence, row.firstNameTh])).toEqual([
      [1, 'สมชาย'],
      [2, 'สมหญิง'],
      [3, 'ประเสริฐ'],
    ]);
  });

  it('reads real date cells (also with a Buddhist-era year), Excel serials and numbers that lost their 0', async () => {
    const people = [
      withChanges(somchai, {
        birthDate: new Date(Date.UTC(1982, 2, 12)),
        mobile: 812345678,
        unit: { ...somchai.unit, postcode: 70000 },
      }),
      withChanges(malee, { birthDate: new Date(Date.UTC(2530, 11, 1)) }),
      withChanges(malee, { email: 'third@example.go.th', birthDate: 30022 }),
    ];
    const { sheets } = await parseSheets({ form: 'province', people, blankRowAfter: null });
    expect(sheets[0]?.rows.map((row) => [row.birthDate, row.mobile, row.unit.postcode, row.problems])).toEqual([
      ['1982-03-12', '+66812345678', '70000', []],
      ['1987-12-01', '+66899999999', '70110', []],
      ['1982-03-12', '+66899999999', '70110', []],
    ]);
  });

  it('reports each kind of bad value on its row, under the Thai heading', async () => {
    const people = [
      withChanges(somchai, { mobile: '02-141-6827' }),
      withChanges(somchai, { email: 'two@example.go.th', birthDate: '31/02/2525' }),
      withChanges(somchai, { email: 'three@example.go.th', birthDate: '12.03.25' }),
      withChanges(somchai, { email: undefined }),
      withChanges(somchai, { email: 'SOMCHAI.J@example.go.th' }),
      withChanges(somchai, { email: 'six@example.go.th', unit: { ...somchai.unit, name: undefined } }),
      withChanges(somchai, { email: 'seven@example.go.th', gender: 'ไม่บอก' }),
      withChanges(somchai, { email: 'not-an-email' }),
      withChanges(somchai, { email: 'nine@example.go.th', titleTh: 'Dr.', firstNameEn: 'สมชาย' }),
      withChanges(somchai, { email: 'ten@example.go.th', unit: { ...somchai.unit, postcode: '7000' } }),
    ];
    const { sheets } = await parseSheets({ form: 'province', people, blankRowAfter: null });
    const rows = sheets[0]?.rows ?? [];
    expect(rows.map(problemCodes)).toEqual([
      ['โทรศัพท์มือถือ:MOBILE_LANDLINE'],
      ['วัน/เดือน/ปีเกิด:BIRTH_DATE_IMPOSSIBLE'],
      ['วัน/เดือน/ปีเกิด:BIRTH_DATE_YEAR_DIGITS'],
      ['e-mail:EMAIL_REQUIRED'],
      ['e-mail:EMAIL_DUPLICATE'],
      ['ชื่อหน่วยงาน:UNIT_NAME_REQUIRED'],
      ['เพศ:GENDER_INVALID'],
      ['e-mail:EMAIL_INVALID'],
      ['คำนำหน้าชื่อ:TITLE_INVALID', 'Firstname:NAME_EN_INVALID'],
      ['รหัสไปรษณีย์:POSTCODE_INVALID'],
    ]);
    expect(rows[0]?.problems[0]).toMatchObject({ value: '02-141-6827', th: expect.stringContaining('พื้นฐาน') });
    expect(rows[4]?.problems[0]?.th).toContain('แถวที่ 4');
    expect(rows[0]?.mobile).toBeNull();
    expect(rows[3]?.email).toBeNull();
  });

  it('finds a duplicate e-mail across sheets of one workbook', async () => {
    const { sheets } = await parseSheets(
      { form: 'province', people: [somchai] },
      { form: 'local', people: [malee, withChanges(somchai, { email: ' somchai.j@example.go.th ' })] },
    );
    expect(sheets[0]?.rows[0]?.problems).toEqual([]);
    expect(problemCodes(sheets[1]?.rows[1])).toEqual(['e-mail:EMAIL_DUPLICATE']);
    expect(sheets[1]?.rows[1]?.problems[0]?.en).toContain('sheet "จังหวัด"');
  });

  it('reports a row with cells but no name, and skips rows with only a ready-made ลำดับ', async () => {
    const noName = withChanges(somchai, { firstNameTh: undefined, lastNameTh: undefined, email: 'x@example.go.th' });
    const buffer = await buildFrontLine1Workbook({
      sheets: [{ form: 'province-summary', people: [somchai, noName], blankRowAfter: null, notes: false }],
    });
    // The summary form comes numbered 1–10; fill in ลำดับ 3–10 with nothing else, as the template does.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const worksheet = workbook.worksheets[0];
    if (!worksheet) throw new Error('the fixture has a sheet');
    for (let n = 3; n <= 10; n += 1) worksheet.getCell(4 + n, 1).value = n;
    const { sheets } = await parseFrontLine1Workbook(Buffer.from(await workbook.xlsx.writeBuffer()), { today });
    expect(sheets[0]?.rows.map((row) => row.rowNumber)).toEqual([5, 6]);
    expect(problemCodes(sheets[0]?.rows[1])).toEqual([
      'ชื่อ (ภาษาไทย):FIRST_NAME_TH_REQUIRED',
      'นามสกุล (ภาษาไทย):LAST_NAME_TH_REQUIRED',
    ]);
  });

  it('reports missing required columns on the sheet, and sheets with no header', async () => {
    const buffer = await buildFrontLine1Workbook({
      sheets: [{ form: 'local', people: [somchai], columns: ['sequence', 'title', 'nameTh', 'mobile'] }],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    workbook.addWorksheet('Sheet2');
    workbook.addWorksheet('บันทึก').getCell('A1').value = 'ส่งแล้ววันที่ 1 ก.ค. 2556';
    const { sheets } = await parseFrontLine1Workbook(await workbook.xlsx.writeBuffer(), { today });
    expect(
      sheets.map((sheet) => [sheet.name, sheet.problems.map((problem) => problem.column ?? problem.code)]),
    ).toEqual([
      ['เทศบาล-อบต', ['e-mail', 'ชื่อหน่วยงาน']],
      ['บันทึก', ['HEADER_NOT_FOUND']],
    ]);
    expect(sheets[0]?.rows[0]).toMatchObject({ firstNameTh: 'สมชาย', mobile: '+66812345678', problems: [] });
  });

  it('parses a 10,000-row workbook', { timeout: 120_000 }, async () => {
    const people = generateFrontLine1People(10_000);
    const { sheets } = await parseSheets({ form: 'province', people, misspellHeadings: true });
    expect(sheets[0]?.rows).toHaveLength(10_000);
    expect(sheets[0]?.rows.filter((row) => row.problems.length > 0)).toEqual([]);
    expect(sheets[0]?.rows.at(-1)).toMatchObject({ sequence: 10_000, email: 'user10000@example.go.th' });
  });
});

describe('parseFrontLine1Csv', () => {
  const header = [
    'ลำดับ,คำนำ หน้าชื่อ,ชื่อ - สกุล (ภาษาไทย),,ชื่อ - สกุล (ภาษาอังกฤษ),,ตำแหน่ง,ผู้บังคับ บัญชา,รับ/เดือน/ ปีเกิด,เพศ,โทรศัพท์มือถือ,e-mail,ข้อมูลหน่วยงาน,,,,,',
    ',,ชื่อ,นามสกุล,Firsname,Lastname,,,,,,,ชื่อหน่วยงาน,ที่อยู่หน่วยงาน,ตำบล,อำเภอ,จังหวัด,รหัสไปรษณีย์',
  ];
  const rows = [
    '๑,นาย,สมชาย,ใจดี,Somchai,Jaidee,"หัวหน้ากลุ่มงาน, ส่งเสริม",นายประเสริฐ มั่นคง,12/03/2525,ช,+66 81 234 5678,somchai@example.go.th,"อบต. ""หนองกวาง""",1 หมู่ 2,หนองกวาง,โพธาราม,ราชบุรี,70120',
    ',,,,,,,,,,,,,,,,,',
    '2,น.ส.,มาลี,ศรีสุข,Malee,Srisuk,นักพัฒนาชุมชน,,01-12-1987,F,0812345678,malee@example.go.th,อบต. หนองกวาง,,,,,',
  ];

  it.each([
    ['with a byte-order mark and CRLF', `\uFEFF${[...header, ...rows].join('\r\n')}\r\n`],
    ['without a byte-order mark', [...header, ...rows].join('\n')],
  ])('reads the two-row header layout (%s)', (_, text) => {
    const { sheets } = parseFrontLine1Csv(text, { today });
    expect(sheets[0]).toMatchObject({ name: 'CSV', form: 'unknown', headerRow: 1, problems: [] });
    expect(sheets[0]?.rows).toHaveLength(2);
    expect(sheets[0]?.rows[0]).toMatchObject({
      rowNumber: 3,
      sequence: 1,
      titleTh: 'นาย',
      position: 'หัวหน้ากลุ่มงาน, ส่งเสริม',
      birthDate: '1982-03-12',
      gender: 'male',
      mobile: '+66812345678',
      unit: { name: 'อบต. "หนองกวาง"', postcode: '70120' },
      problems: [],
    });
    expect(sheets[0]?.rows[1]).toMatchObject({
      rowNumber: 5,
      titleTh: 'นางสาว',
      birthDate: '1987-12-01',
      problems: [],
    });
  });

  it('reads the title above the header, one "ชื่อ - สกุล" cell, and the notes block', () => {
    const text = [
      'แบบสรุปหน้าข้อมูลผู้ใช้ (Front Line 1) ระบบสารสนเทศรองรับการดำเนินงาน OSCC ศูนย์ช่วยเหลือสังคม',
      'ของจังหวัด กาญจนบุรี',
      'ลำดับ,ชื่อ - สกุล,e-mail,ชื่อหน่วยงาน',
      '1,นางสาวสมใจ รักดี,somjai@example.go.th,อบต. ท่าม่วง',
      '2,ดำรง,damrong@example.go.th,อบต. ท่าม่วง',
      'หมายเหตุ,,,',
      '1. แบบสรุปหน้าข้อมูลผู้ใช้ข้างต้น,,,',
    ].join('\n');
    const { sheets } = parseFrontLine1Csv(text, { today, sheetName: 'kanchanaburi.csv' });
    expect(sheets[0]).toMatchObject({ name: 'kanchanaburi.csv', form: 'province-summary', placeName: 'กาญจนบุรี' });
    expect(sheets[0]?.rows.map((row) => [row.titleTh, row.firstNameTh, row.lastNameTh, problemCodes(row)])).toEqual([
      ['นางสาว', 'สมใจ', 'รักดี', []],
      [null, null, null, ['ชื่อ - สกุล (ภาษาไทย):NAME_LAST_NAME_MISSING']],
    ]);
  });

  it('reads semicolon-separated files', () => {
    const text = ['ลำดับ;ชื่อ;นามสกุล;e-mail;ชื่อหน่วยงาน', '1;สมชาย;ใจดี;a@example.go.th;อบต. ท่าม่วง'].join('\n');
    expect(parseFrontLine1Csv(text, { today }).sheets[0]?.rows[0]).toMatchObject({
      firstNameTh: 'สมชาย',
      lastNameTh: 'ใจดี',
      email: 'a@example.go.th',
      problems: [],
    });
  });
});
