import { describe, expect, it } from 'vitest';
import {
  parseBirthDate,
  parseEmail,
  parseGender,
  parsePostcode,
  parseThaiMobile,
  parseThaiTitle,
  splitThaiFullName,
  type ParseResult,
} from './thai-person.ts';

function problemCode<T>(result: ParseResult<T>): string | null {
  return result.ok ? null : result.problem.code;
}

const today = new Date('2026-05-15T03:00:00Z');

describe('parseThaiMobile', () => {
  it.each([
    '081-234-5678',
    '0812345678',
    '08 1234 5678',
    '081 234 5678',
    '(081) 234-5678',
    '081.234.5678',
    '+66 81 234 5678',
    '+66812345678',
    '+66 (0) 81 234 5678',
    '+66 081 234 5678',
    '66812345678',
    '0066812345678',
    '๐๘๑๒๓๔๕๖๗๘',
    '๐๘๑-๒๓๔-๕๖๗๘',
    '  0812345678  ',
  ])('reads %s as +66812345678', (text) => {
    expect(parseThaiMobile(text)).toEqual({ ok: true, value: '+66812345678' });
  });

  it.each([
    ['0612345678', '+66612345678'],
    ['0912345678', '+66912345678'],
    ['+66 91 234 5678', '+66912345678'],
  ])('accepts mobiles starting 06 and 09: %s', (text, expected) => {
    expect(parseThaiMobile(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['02-141-6827', 'MOBILE_LANDLINE'],
    ['๐๒ ๑๔๑ ๖๘๒๗', 'MOBILE_LANDLINE'],
    ['032-123-456', 'MOBILE_LANDLINE'],
    ['+66 2 141 6827', 'MOBILE_LANDLINE'],
    ['081234567', 'MOBILE_LENGTH'],
    ['08123456789', 'MOBILE_LENGTH'],
    ['0712345678', 'MOBILE_INVALID'],
    ['1300', 'MOBILE_INVALID'],
    ['+1 415 555 0100', 'MOBILE_NOT_THAI'],
    ['081-234-5678, 089-999-9999', 'MOBILE_MULTIPLE'],
    ['081-234-5678 หรือ 089-999-9999', 'MOBILE_MULTIPLE'],
    ['081-234-5678 ต่อ 12', 'MOBILE_INVALID'],
    ['abc', 'MOBILE_INVALID'],
    ['', 'MOBILE_REQUIRED'],
    ['   ', 'MOBILE_REQUIRED'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parseThaiMobile(text))).toBe(code);
  });

  it('explains a landline in Thai first, then English', () => {
    const result = parseThaiMobile('02-141-6827');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.th).toContain('โทรศัพท์พื้นฐาน');
      expect(result.problem.en).toContain('landline');
    }
  });
});

describe('parseBirthDate', () => {
  it.each([
    ['12/03/2525', '1982-03-12'],
    ['12/03/1982', '1982-03-12'],
    ['12-03-2525', '1982-03-12'],
    ['12.03.2525', '1982-03-12'],
    ['1/3/2525', '1982-03-01'],
    [' 12 / 03 / 2525 ', '1982-03-12'],
    ['๑๒/๐๓/๒๕๒๕', '1982-03-12'],
    ['1982-03-12', '1982-03-12'],
    ['1982-03-12T00:00:00.000Z', '1982-03-12'],
    ['12 มี.ค. 2525', '1982-03-12'],
    ['12 มีนาคม 2525', '1982-03-12'],
    ['12 มีนาคม พ.ศ. 2525', '1982-03-12'],
    ['29/02/2543', '2000-02-29'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseBirthDate(text, today)).toEqual({ ok: true, value: expected });
  });

  it('reads day before month (Thai order)', () => {
    expect(parseBirthDate('03/12/2525', today)).toEqual({ ok: true, value: '1982-12-03' });
  });

  it('reads a spreadsheet date cell in UTC, and a Buddhist-era year in it', () => {
    expect(parseBirthDate(new Date(Date.UTC(1982, 2, 12)), today)).toEqual({ ok: true, value: '1982-03-12' });
    expect(parseBirthDate(new Date(Date.UTC(2525, 2, 12)), today)).toEqual({ ok: true, value: '1982-03-12' });
  });

  it('reads an Excel serial number', () => {
    expect(parseBirthDate(30022, today)).toEqual({ ok: true, value: '1982-03-12' });
    expect(parseBirthDate(30022.75, today)).toEqual({ ok: true, value: '1982-03-12' });
  });

  it.each([
    ['12.03.25', 'BIRTH_DATE_YEAR_DIGITS'],
    ['12/03/25', 'BIRTH_DATE_YEAR_DIGITS'],
    ['12/03/82', 'BIRTH_DATE_YEAR_DIGITS'],
    ['31/02/2525', 'BIRTH_DATE_IMPOSSIBLE'],
    ['29/02/2525', 'BIRTH_DATE_IMPOSSIBLE'],
    ['12/13/2525', 'BIRTH_DATE_IMPOSSIBLE'],
    ['00/03/2525', 'BIRTH_DATE_IMPOSSIBLE'],
    ['16/05/2026', 'BIRTH_DATE_FUTURE'],
    ['01/01/2600', 'BIRTH_DATE_FUTURE'],
    ['01/01/1900', 'BIRTH_DATE_TOO_OLD'],
    ['14/05/2448', 'BIRTH_DATE_TOO_OLD'],
    ['12/03/2525/1', 'BIRTH_DATE_FORMAT'],
    ['12-03/2525', 'BIRTH_DATE_FORMAT'],
    ['เมื่อวาน', 'BIRTH_DATE_FORMAT'],
    ['12 สมชาย 2525', 'BIRTH_DATE_FORMAT'],
    ['', 'BIRTH_DATE_REQUIRED'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parseBirthDate(text, today))).toBe(code);
  });

  it('accepts someone born today and someone exactly 120 years old', () => {
    expect(parseBirthDate('15/05/2569', today)).toEqual({ ok: true, value: '2026-05-15' });
    expect(parseBirthDate('15/05/1906', today)).toEqual({ ok: true, value: '1906-05-15' });
  });

  it('takes "today" in Bangkok, seven hours ahead of UTC', () => {
    const lateEveningUtc = new Date('2026-05-14T20:00:00Z'); // 15 May, 03:00 in Bangkok
    expect(parseBirthDate('15/05/2026', lateEveningUtc).ok).toBe(true);
  });

  it('refuses invalid dates and serials', () => {
    expect(problemCode(parseBirthDate(new Date(Number.NaN), today))).toBe('BIRTH_DATE_FORMAT');
    expect(problemCode(parseBirthDate(0, today))).toBe('BIRTH_DATE_FORMAT');
    expect(problemCode(parseBirthDate(Number.POSITIVE_INFINITY, today))).toBe('BIRTH_DATE_FORMAT');
    expect(problemCode(parseBirthDate(100, today))).toBe('BIRTH_DATE_TOO_OLD');
  });
});

describe('parseThaiTitle', () => {
  it.each([
    ['นาย', 'นาย', 'male'],
    ['นาง', 'นาง', 'female'],
    ['นางสาว', 'นางสาว', 'female'],
    ['น.ส.', 'นางสาว', 'female'],
    ['นส.', 'นางสาว', 'female'],
    ['นส', 'นางสาว', 'female'],
    ['น. ส.', 'นางสาว', 'female'],
    ['เด็กชาย', 'เด็กชาย', 'male'],
    ['ด.ช.', 'เด็กชาย', 'male'],
    ['เด็กหญิง', 'เด็กหญิง', 'female'],
    ['ด.ญ.', 'เด็กหญิง', 'female'],
    ['ว่าที่ร้อยตรี', 'ว่าที่ร้อยตรี', null],
    ['ว่าที่ ร.ต.', 'ว่าที่ร้อยตรี', null],
    ['ว่าที่ร.ต.หญิง', 'ว่าที่ร้อยตรีหญิง', 'female'],
    ['ร.ต.อ.', 'ร้อยตำรวจเอก', null],
    ['พ.ต.ท. หญิง', 'พันตำรวจโทหญิง', 'female'],
    ['ดร.', 'ดร.', null],
    ['ดร', 'ดร.', null],
    ['นพ.', 'นายแพทย์', 'male'],
    ['พญ.', 'แพทย์หญิง', 'female'],
    ['Mr.', 'นาย', 'male'],
    ['MRS', 'นาง', 'female'],
    ['Miss', 'นางสาว', 'female'],
    ['  นาย  ', 'นาย', 'male'],
  ])('reads %s as %s', (text, titleTh, impliedGender) => {
    expect(parseThaiTitle(text)).toEqual({ ok: true, value: { titleTh, impliedGender } });
  });

  it('keeps other Thai titles as written', () => {
    expect(parseThaiTitle('หม่อมหลวง')).toEqual({ ok: true, value: { titleTh: 'หม่อมหลวง', impliedGender: null } });
    expect(parseThaiTitle('พระครู  สมุห์')).toEqual({ ok: true, value: { titleTh: 'พระครู สมุห์', impliedGender: null } });
  });

  it.each([
    ['', 'TITLE_REQUIRED'],
    ['Dr.', 'TITLE_INVALID'],
    ['123', 'TITLE_INVALID'],
    ['ก'.repeat(41), 'TITLE_TOO_LONG'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parseThaiTitle(text))).toBe(code);
  });
});

describe('parseGender', () => {
  it.each([
    ['ชาย', 'male'],
    ['ช', 'male'],
    ['ช.', 'male'],
    ['เพศชาย', 'male'],
    ['male', 'male'],
    ['Male', 'male'],
    ['M', 'male'],
    ['m', 'male'],
    ['หญิง', 'female'],
    ['ญ', 'female'],
    ['female', 'female'],
    ['F', 'female'],
    ['f', 'female'],
    [' หญิง ', 'female'],
    ['อื่นๆ', 'other'],
    ['อื่น ๆ', 'other'],
    ['other', 'other'],
  ])('reads %s as %s', (text, gender) => {
    expect(parseGender(text)).toEqual({ ok: true, value: gender });
  });

  it.each([
    ['', 'GENDER_REQUIRED'],
    ['  ', 'GENDER_REQUIRED'],
    ['x', 'GENDER_INVALID'],
    ['นาย', 'GENDER_INVALID'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parseGender(text))).toBe(code);
  });
});

describe('parseEmail', () => {
  it.each([
    ['somchai@example.go.th', 'somchai@example.go.th'],
    ['  Somchai.J@Example.GO.TH ', 'somchai.j@example.go.th'],
    ['mailto:dia0891_3@dia.go.th', 'dia0891_3@dia.go.th'],
    ['<narawan.c@mict.go.th>', 'narawan.c@mict.go.th'],
    ['first+tag@gmail.com', 'first+tag@gmail.com'],
  ])('reads %s as %s', (text, email) => {
    expect(parseEmail(text)).toEqual({ ok: true, value: email });
  });

  it.each([
    ['', 'EMAIL_REQUIRED'],
    ['somchai', 'EMAIL_INVALID'],
    ['somchai@', 'EMAIL_INVALID'],
    ['@example.com', 'EMAIL_INVALID'],
    ['somchai@example', 'EMAIL_INVALID'],
    ['som chai@example.com', 'EMAIL_INVALID'],
    ['สมชาย@example.com', 'EMAIL_INVALID'],
    ['a@example.com, b@example.com', 'EMAIL_MULTIPLE'],
    ['a@example.com b@example.com', 'EMAIL_MULTIPLE'],
    [`${'a'.repeat(250)}@example.com`, 'EMAIL_INVALID'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parseEmail(text))).toBe(code);
  });
});

describe('parsePostcode', () => {
  it.each([
    ['70000', '70000'],
    ['๗๐๐๐๐', '70000'],
    [' 10200 ', '10200'],
    ['96000', '96000'],
    ['10 200', '10200'],
  ])('reads %s as %s', (text, postcode) => {
    expect(parsePostcode(text)).toEqual({ ok: true, value: postcode });
  });

  it.each([
    ['', 'POSTCODE_REQUIRED'],
    ['7000', 'POSTCODE_INVALID'],
    ['700000', 'POSTCODE_INVALID'],
    ['7000O', 'POSTCODE_INVALID'],
    ['09000', 'POSTCODE_UNKNOWN_PROVINCE'],
    ['97000', 'POSTCODE_UNKNOWN_PROVINCE'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(parsePostcode(text))).toBe(code);
  });
});

describe('splitThaiFullName', () => {
  it.each([
    ['สมชาย ใจดี', null, null, 'สมชาย', 'ใจดี'],
    ['นายสมชาย ใจดี', 'นาย', 'male', 'สมชาย', 'ใจดี'],
    ['นาย สมชาย  ใจดี', 'นาย', 'male', 'สมชาย', 'ใจดี'],
    ['นางสาวสมหญิง รักไทย', 'นางสาว', 'female', 'สมหญิง', 'รักไทย'],
    ['น.ส.สมหญิง รักไทย', 'นางสาว', 'female', 'สมหญิง', 'รักไทย'],
    ['น.ส. สมหญิง รักไทย', 'นางสาว', 'female', 'สมหญิง', 'รักไทย'],
    ['นส สมหญิง รักไทย', 'นางสาว', 'female', 'สมหญิง', 'รักไทย'],
    ['ด.ญ.มาลี ดีใจ', 'เด็กหญิง', 'female', 'มาลี', 'ดีใจ'],
    ['ว่าที่ ร.ต.สมศักดิ์ มั่นคง', 'ว่าที่ร้อยตรี', null, 'สมศักดิ์', 'มั่นคง'],
    ['ว่าที่ร้อยตรีหญิงสมศรี มั่นคง', 'ว่าที่ร้อยตรีหญิง', 'female', 'สมศรี', 'มั่นคง'],
    ['ร.ต.อ.วิชัย กล้าหาญ', 'ร้อยตำรวจเอก', null, 'วิชัย', 'กล้าหาญ'],
    ['ดร.ประเสริฐ ณ อยุธยา', 'ดร.', null, 'ประเสริฐ', 'ณ อยุธยา'],
    ['สมชาย ณ  ระนอง', null, null, 'สมชาย', 'ณ ระนอง'],
  ])('splits %s', (text, titleTh, impliedGender, firstName, lastName) => {
    expect(splitThaiFullName(text)).toEqual({ ok: true, value: { titleTh, impliedGender, firstName, lastName } });
  });

  it('does not take an undotted abbreviation off the start of a name', () => {
    // "นสมใจ" is not "นส" + "มใจ"
    expect(splitThaiFullName('นสมใจ ดีมาก')).toEqual({
      ok: true,
      value: { titleTh: null, impliedGender: null, firstName: 'นสมใจ', lastName: 'ดีมาก' },
    });
  });

  it('keeps a title-like start when no last name would remain', () => {
    expect(splitThaiFullName('นางนวล ใจดี')).toEqual({
      ok: true,
      value: { titleTh: 'นาง', impliedGender: 'female', firstName: 'นวล', lastName: 'ใจดี' },
    });
    expect(splitThaiFullName('นายสมชาย ใจดี').ok).toBe(true);
    expect(problemCode(splitThaiFullName('นายสมชาย'))).toBe('NAME_LAST_NAME_MISSING');
  });

  it.each([
    ['', 'NAME_REQUIRED'],
    ['สมชาย', 'NAME_LAST_NAME_MISSING'],
    ['นาย สมชาย', 'NAME_LAST_NAME_MISSING'],
  ])('refuses %s (%s)', (text, code) => {
    expect(problemCode(splitThaiFullName(text))).toBe(code);
  });
});
