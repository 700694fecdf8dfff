/**
 * Validators for the personal details people type into Thai forms and spreadsheets (the Front Line 1 user survey,
 * the web forms). Pure functions: no Node APIs, so the server and the browser share them.
 *
 * Each parser answers `{ ok: true, value }` or `{ ok: false, problem }`, the problem carrying a stable code and a
 * message in Thai (first) and English that a clerk can act on.
 */
import { z } from 'zod';
import { BANGKOK_TIME_ZONE, BUDDHIST_ERA_OFFSET, toAsciiDigits } from '../thai.ts';

export type ValidationProblem = { code: string; th: string; en: string };
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: ValidationProblem };
export type Gender = 'male' | 'female' | 'other';

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

function fail<T>(code: string, th: string, en: string): ParseResult<T> {
  return { ok: false, problem: { code, th, en } };
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Mobile numbers

/**
 * A Thai mobile number in E.164 (`+66812345678`). Thai mobiles are 10 digits starting 06, 08 or 09 (NBTC numbering
 * plan); landlines are 9 digits starting 02–07. Accepts spaces, dashes, dots, brackets, the +66 / 66 / 0066
 * country prefix (also with the trunk 0 kept, as people write "+66 081…") and Thai digits.
 */
export function parseThaiMobile(text: string): ParseResult<string> {
  const written = collapseSpaces(toAsciiDigits(text));
  if (written === '') {
    return fail('MOBILE_REQUIRED', 'กรุณาระบุหมายเลขโทรศัพท์มือถือ', 'A mobile number is required.');
  }
  if (/[,;/]|\d\s*(หรือ|or)\s*\d/i.test(written)) {
    return fail(
      'MOBILE_MULTIPLE',
      'กรุณาระบุหมายเลขโทรศัพท์มือถือเพียงหมายเลขเดียว',
      'Give only one mobile number in this cell.',
    );
  }
  if (!/^\+?[\d\s().-]+$/.test(written)) {
    return fail(
      'MOBILE_INVALID',
      'หมายเลขโทรศัพท์มือถือมีตัวอักษรที่ไม่ใช่ตัวเลข',
      'The mobile number contains characters that are not digits.',
    );
  }
  const hasPlus = written.startsWith('+');
  let digits = written.replace(/\D/g, '');
  if (hasPlus && !digits.startsWith('66')) {
    return fail(
      'MOBILE_NOT_THAI',
      'หมายเลขโทรศัพท์ต้องเป็นหมายเลขในประเทศไทย (+66)',
      'The number must be a Thai number (+66).',
    );
  }
  if (digits.startsWith('0066')) digits = digits.slice(4);
  else if (hasPlus || (digits.startsWith('66') && (digits.length === 11 || digits.length === 12))) {
    digits = digits.slice(2);
  }
  if (!digits.startsWith('0')) digits = `0${digits}`;
  if (/^0[2-7]/.test(digits) && digits.length === 9) {
    return fail(
      'MOBILE_LANDLINE',
      'หมายเลขนี้เป็นโทรศัพท์พื้นฐาน กรุณาระบุหมายเลขโทรศัพท์มือถือ (10 หลัก ขึ้นต้นด้วย 06, 08 หรือ 09)',
      'This is a landline number; give a mobile number (10 digits starting 06, 08 or 09).',
    );
  }
  if (!/^0[689]/.test(digits)) {
    return fail(
      'MOBILE_INVALID',
      'หมายเลขโทรศัพท์มือถือต้องขึ้นต้นด้วย 06, 08 หรือ 09',
      'A Thai mobile number starts with 06, 08 or 09.',
    );
  }
  if (digits.length !== 10) {
    return fail(
      'MOBILE_LENGTH',
      `หมายเลขโทรศัพท์มือถือต้องมี 10 หลัก (ที่ระบุมี ${digits.length} หลัก)`,
      `A Thai mobile number has 10 digits (this one has ${digits.length}).`,
    );
  }
  return ok(`+66${digits.slice(1)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Birth dates

const THAI_MONTHS: readonly (readonly string[])[] = [
  ['มกราคม', 'มค'],
  ['กุมภาพันธ์', 'กพ'],
  ['มีนาคม', 'มีค'],
  ['เมษายน', 'เมย'],
  ['พฤษภาคม', 'พค'],
  ['มิถุนายน', 'มิย'],
  ['กรกฎาคม', 'กค'],
  ['สิงหาคม', 'สค'],
  ['กันยายน', 'กย'],
  ['ตุลาคม', 'ตค'],
  ['พฤศจิกายน', 'พย'],
  ['ธันวาคม', 'ธค'],
];

/** Years from 2400 on are Buddhist era: no one alive was born in 2400 C.E., and 2400 B.E. is 1857 C.E. */
const FIRST_BUDDHIST_YEAR = 2400;
const MAXIMUM_AGE = 120;
/** Day 0 of Excel's 1900 date system, counted so that serials from 61 on (after its phantom 29 Feb 1900) are right. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function invalidDateFormat<T>(): ParseResult<T> {
  return fail(
    'BIRTH_DATE_FORMAT',
    'รูปแบบวันเกิดไม่ถูกต้อง กรุณาระบุเป็น วัน/เดือน/ปี เช่น 12/03/2525',
    'The birth date is not in a recognised format; write day/month/year, e.g. 12/03/2525.',
  );
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function todayInBangkok(today: Date): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: BANGKOK_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(today);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function checkBirthDate(year: number, month: number, day: number, today: Date): ParseResult<string> {
  const ceYear = year >= FIRST_BUDDHIST_YEAR ? year - BUDDHIST_ERA_OFFSET : year;
  const instant = new Date(Date.UTC(ceYear, month - 1, day));
  instant.setUTCFullYear(ceYear); // Date.UTC maps years 0–99 to 1900–1999
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    instant.getUTCFullYear() !== ceYear ||
    instant.getUTCMonth() !== month - 1 ||
    instant.getUTCDate() !== day
  ) {
    return fail(
      'BIRTH_DATE_IMPOSSIBLE',
      `ไม่มีวันที่ ${day}/${month}/${year} ในปฏิทิน`,
      `There is no such date as ${day}/${month}/${year}.`,
    );
  }
  const now = todayInBangkok(today);
  const iso = isoOf(ceYear, month, day);
  if (iso > isoOf(now.year, now.month, now.day)) {
    return fail('BIRTH_DATE_FUTURE', 'วันเกิดต้องไม่เป็นวันในอนาคต', 'The birth date cannot be in the future.');
  }
  const hadBirthdayThisYear = now.month > month || (now.month === month && now.day >= day);
  const age = now.year - ceYear - (hadBirthdayThisYear ? 0 : 1);
  if (age > MAXIMUM_AGE) {
    return fail(
      'BIRTH_DATE_TOO_OLD',
      `อายุเกิน ${MAXIMUM_AGE} ปี กรุณาตรวจสอบปีเกิด (พ.ศ. หรือ ค.ศ.)`,
      `The age is over ${MAXIMUM_AGE} years; check the year of birth (B.E. or C.E.).`,
    );
  }
  return ok(iso);
}

function monthFromThaiName(name: string): number | null {
  const key = name.replace(/[.\s]/g, '');
  const index = THAI_MONTHS.findIndex((names) => names.includes(key));
  return index < 0 ? null : index + 1;
}

/**
 * A birth date as an ISO date (`YYYY-MM-DD`, Christian era). Thai order is day/month/year; a year from 2400 on is
 * Buddhist era. Accepts `12/03/2525`, `12-03-1982`, `12.03.2525`, Thai digits, `12 มี.ค. 2525`, ISO `1982-03-12`,
 * a Date (as a spreadsheet gives for a date cell, read in UTC) and an Excel serial number. Two-digit years are
 * refused: "25" could be 2525 B.E. or 1925 C.E.
 */
export function parseBirthDate(value: string | Date | number, today: Date): ParseResult<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return invalidDateFormat();
    return checkBirthDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), today);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return invalidDateFormat();
    const date = new Date(EXCEL_EPOCH_UTC + Math.floor(value) * DAY_MS);
    return checkBirthDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), today);
  }
  const text = collapseSpaces(toAsciiDigits(value));
  if (text === '') return fail('BIRTH_DATE_REQUIRED', 'กรุณาระบุวันเกิด', 'A birth date is required.');

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return checkBirthDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), today);

  const numeric = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)$/.exec(text);
  const named = /^(\d{1,2})\s*([ก-๛.\s]+?)\s*(?:พ\.?\s*ศ\.?)?\s*(\d+)$/.exec(text);
  let parts: { day: number; month: number; yearText: string } | null = null;
  if (numeric) parts = { day: Number(numeric[1]), month: Number(numeric[3]), yearText: numeric[4] ?? '' };
  else if (named) {
    const month = monthFromThaiName(named[2] ?? '');
    if (month !== null) parts = { day: Number(named[1]), month, yearText: named[3] ?? '' };
  }
  if (!parts) return invalidDateFormat();
  if (parts.yearText.length !== 4) {
    return fail(
      'BIRTH_DATE_YEAR_DIGITS',
      'กรุณาระบุปีเกิดเป็นตัวเลข 4 หลัก เช่น 2525 (ปี 2 หลักอาจเป็นได้ทั้ง พ.ศ. และ ค.ศ.)',
      'Write the year with four digits, e.g. 2525 (a two-digit year could be B.E. or C.E.).',
    );
  }
  return checkBirthDate(Number(parts.yearText), parts.month, parts.day, today);
}

// ---------------------------------------------------------------------------------------------------------------
// Titles (คำนำหน้าชื่อ)

export type ThaiTitle = { titleTh: string; impliedGender: 'male' | 'female' | null };

type KnownTitle = { full: string; gender: 'male' | 'female' | null; written: readonly string[] };

/**
 * Titles and their written abbreviations (Royal Institute usage). Ranks imply no gender here: a woman's rank is
 * written with หญิง after it, which is handled separately.
 */
const KNOWN_TITLES: readonly KnownTitle[] = [
  { full: 'นาย', gender: 'male', written: ['นาย'] },
  { full: 'นางสาว', gender: 'female', written: ['นางสาว', 'น.ส.', 'นส.', 'น.ส', 'นส'] },
  { full: 'นาง', gender: 'female', written: ['นาง'] },
  { full: 'เด็กชาย', gender: 'male', written: ['เด็กชาย', 'ด.ช.', 'ดช.', 'ด.ช', 'ดช'] },
  { full: 'เด็กหญิง', gender: 'female', written: ['เด็กหญิง', 'ด.ญ.', 'ดญ.', 'ด.ญ', 'ดญ'] },
  { full: 'ดร.', gender: null, written: ['ดร.', 'ดร', 'ด็อกเตอร์'] },
  { full: 'นายแพทย์', gender: 'male', written: ['นายแพทย์', 'นพ.', 'นพ'] },
  { full: 'แพทย์หญิง', gender: 'female', written: ['แพทย์หญิง', 'พญ.', 'พญ'] },
  { full: 'ทันตแพทย์หญิง', gender: 'female', written: ['ทันตแพทย์หญิง', 'ทพญ.', 'ทพญ'] },
  { full: 'ทันตแพทย์', gender: 'male', written: ['ทันตแพทย์', 'ทพ.', 'ทพ'] },
  { full: 'เภสัชกรหญิง', gender: 'female', written: ['เภสัชกรหญิง', 'ภญ.', 'ภญ'] },
  { full: 'เภสัชกร', gender: 'male', written: ['เภสัชกร', 'ภก.', 'ภก'] },
  { full: 'ผู้ช่วยศาสตราจารย์', gender: null, written: ['ผู้ช่วยศาสตราจารย์', 'ผศ.', 'ผศ'] },
  { full: 'รองศาสตราจารย์', gender: null, written: ['รองศาสตราจารย์', 'รศ.', 'รศ'] },
  { full: 'ศาสตราจารย์', gender: null, written: ['ศาสตราจารย์', 'ศ.'] },
  { full: 'ร้อยตำรวจเอก', gender: null, written: ['ร้อยตำรวจเอก', 'ร.ต.อ.', 'รตอ.', 'รตอ'] },
  { full: 'ร้อยตำรวจโท', gender: null, written: ['ร้อยตำรวจโท', 'ร.ต.ท.', 'รตท.', 'รตท'] },
  { full: 'ร้อยตำรวจตรี', gender: null, written: ['ร้อยตำรวจตรี', 'ร.ต.ต.', 'รตต.', 'รตต'] },
  { full: 'พันตำรวจเอก', gender: null, written: ['พันตำรวจเอก', 'พ.ต.อ.', 'พตอ.', 'พตอ'] },
  { full: 'พันตำรวจโท', gender: null, written: ['พันตำรวจโท', 'พ.ต.ท.', 'พตท.', 'พตท'] },
  { full: 'พันตำรวจตรี', gender: null, written: ['พันตำรวจตรี', 'พ.ต.ต.', 'พตต.', 'พตต'] },
  { full: 'ดาบตำรวจ', gender: null, written: ['ดาบตำรวจ', 'ด.ต.', 'ดต.'] },
  { full: 'จ่าสิบตำรวจ', gender: null, written: ['จ่าสิบตำรวจ', 'จ.ส.ต.', 'จสต.'] },
  { full: 'สิบตำรวจเอก', gender: null, written: ['สิบตำรวจเอก', 'ส.ต.อ.', 'สตอ.'] },
  { full: 'ร้อยเอก', gender: null, written: ['ร้อยเอก', 'ร.อ.', 'รอ.'] },
  { full: 'ร้อยโท', gender: null, written: ['ร้อยโท', 'ร.ท.', 'รท.'] },
  { full: 'ร้อยตรี', gender: null, written: ['ร้อยตรี', 'ร.ต.', 'รต.', 'ร.ต', 'รต'] },
  { full: 'พันเอก', gender: null, written: ['พันเอก', 'พ.อ.', 'พอ.'] },
  { full: 'พันโท', gender: null, written: ['พันโท', 'พ.ท.', 'พท.'] },
  { full: 'พันตรี', gender: null, written: ['พันตรี', 'พ.ต.', 'พต.'] },
  { full: 'จ่าสิบเอก', gender: null, written: ['จ่าสิบเอก', 'จ.ส.อ.', 'จสอ.'] },
  { full: 'จ่าสิบโท', gender: null, written: ['จ่าสิบโท', 'จ.ส.ท.', 'จสท.'] },
  { full: 'จ่าสิบตรี', gender: null, written: ['จ่าสิบตรี', 'จ.ส.ต.'] },
  { full: 'สิบเอก', gender: null, written: ['สิบเอก', 'ส.อ.'] },
  { full: 'สิบโท', gender: null, written: ['สิบโท', 'ส.ท.'] },
  { full: 'สิบตรี', gender: null, written: ['สิบตรี', 'ส.ต.'] },
];

const ENGLISH_TITLES: Readonly<Record<string, ThaiTitle>> = {
  mr: { titleTh: 'นาย', impliedGender: 'male' },
  mrs: { titleTh: 'นาง', impliedGender: 'female' },
  miss: { titleTh: 'นางสาว', impliedGender: 'female' },
};

const TITLE_BY_KEY = new Map<string, KnownTitle>();
for (const title of KNOWN_TITLES) {
  for (const written of title.written) {
    const key = written.replace(/[.\s]/g, '');
    if (!TITLE_BY_KEY.has(key)) TITLE_BY_KEY.set(key, title);
  }
}

const ACTING = 'ว่าที่';
const FEMALE_SUFFIX = 'หญิง';
const MAXIMUM_TITLE_LENGTH = 40;

function lookUpTitle(key: string): ThaiTitle | null {
  const known = TITLE_BY_KEY.get(key);
  if (known) return { titleTh: known.full, impliedGender: known.gender };
  if (key.startsWith(ACTING) && key.length > ACTING.length) {
    const rank = lookUpTitle(key.slice(ACTING.length));
    if (rank) return { titleTh: `${ACTING}${rank.titleTh}`, impliedGender: rank.impliedGender };
  }
  if (key.endsWith(FEMALE_SUFFIX) && key.length > FEMALE_SUFFIX.length) {
    const rank = TITLE_BY_KEY.get(key.slice(0, -FEMALE_SUFFIX.length));
    if (rank && rank.gender === null && rank.full !== 'ดร.') {
      return { titleTh: `${rank.full}${FEMALE_SUFFIX}`, impliedGender: 'female' };
    }
  }
  return null;
}

/**
 * A title (คำนำหน้าชื่อ): known abbreviations become their full form (น.ส. → นางสาว, ว่าที่ ร.ต. → ว่าที่ร้อยตรี);
 * any other Thai text up to 40 characters is kept as written (collapsed spaces).
 */
export function parseThaiTitle(text: string): ParseResult<ThaiTitle> {
  const written = collapseSpaces(text);
  if (written === '') return fail('TITLE_REQUIRED', 'กรุณาระบุคำนำหน้าชื่อ', 'A title is required.');
  const known = lookUpTitle(written.replace(/[.\s]/g, ''));
  if (known) return ok(known);
  const english = ENGLISH_TITLES[written.replace(/[.\s]/g, '').toLowerCase()];
  if (english) return ok(english);
  if (written.length > MAXIMUM_TITLE_LENGTH) {
    return fail(
      'TITLE_TOO_LONG',
      `คำนำหน้าชื่อยาวเกิน ${MAXIMUM_TITLE_LENGTH} ตัวอักษร`,
      `The title is longer than ${MAXIMUM_TITLE_LENGTH} characters.`,
    );
  }
  if (!/^[\u0E00-\u0E7F][\u0E00-\u0E7F.()\s]*$/.test(written)) {
    return fail(
      'TITLE_INVALID',
      'คำนำหน้าชื่อต้องเป็นภาษาไทย เช่น นาย นาง นางสาว',
      'The title must be written in Thai, e.g. นาย, นาง, นางสาว.',
    );
  }
  return ok({ titleTh: written, impliedGender: null });
}

// ---------------------------------------------------------------------------------------------------------------
// Gender

const GENDER_BY_KEY: Readonly<Record<string, Gender>> = {
  ชาย: 'male',
  ช: 'male',
  male: 'male',
  m: 'male',
  man: 'male',
  หญิง: 'female',
  ญ: 'female',
  female: 'female',
  f: 'female',
  woman: 'female',
  อื่นๆ: 'other',
  อื่น: 'other',
  other: 'other',
  others: 'other',
};

/** ชาย/หญิง/ช/ญ/male/female/m/f (any case, with or without เพศ before it); อื่นๆ/other. */
export function parseGender(text: string): ParseResult<Gender> {
  const key = text.replace(/[.\s]/g, '').toLowerCase().replace(/^เพศ/, '');
  if (key === '') return fail('GENDER_REQUIRED', 'กรุณาระบุเพศ', 'A gender is required.');
  const gender = GENDER_BY_KEY[key];
  if (!gender) {
    return fail(
      'GENDER_INVALID',
      'ระบุเพศไม่ถูกต้อง กรุณาระบุ ชาย หญิง หรือ อื่นๆ',
      'The gender is not recognised; write ชาย (male), หญิง (female) or อื่นๆ (other).',
    );
  }
  return ok(gender);
}

// ---------------------------------------------------------------------------------------------------------------
// E-mail

const emailSchema = z.email();
const MAXIMUM_EMAIL_LENGTH = 254; // RFC 5321's limit on a forward path

/** Trimmed and lower-cased; a `mailto:` prefix or surrounding angle brackets (as Excel hyperlinks give) dropped. */
export function parseEmail(text: string): ParseResult<string> {
  const email = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
  if (email === '') return fail('EMAIL_REQUIRED', 'กรุณาระบุ e-mail', 'An e-mail address is required.');
  if (/[\s,;]/.test(email) && email.split(/[\s,;]+/).filter((part) => part.includes('@')).length > 1) {
    return fail('EMAIL_MULTIPLE', 'กรุณาระบุ e-mail เพียงที่อยู่เดียว', 'Give only one e-mail address in this cell.');
  }
  if (email.length > MAXIMUM_EMAIL_LENGTH || !emailSchema.safeParse(email).success) {
    return fail(
      'EMAIL_INVALID',
      'รูปแบบ e-mail ไม่ถูกต้อง ตัวอย่าง somchai@example.go.th',
      'The e-mail address is not valid, e.g. somchai@example.go.th.',
    );
  }
  return ok(email);
}

// ---------------------------------------------------------------------------------------------------------------
// Postcodes

/** Five digits (Thai digits allowed); Thai postcodes begin with a province prefix from 10 (Bangkok) to 96. */
export function parsePostcode(text: string): ParseResult<string> {
  const postcode = toAsciiDigits(text).replace(/\s/g, '');
  if (postcode === '') return fail('POSTCODE_REQUIRED', 'กรุณาระบุรหัสไปรษณีย์', 'A postcode is required.');
  if (!/^\d{5}$/.test(postcode)) {
    return fail('POSTCODE_INVALID', 'รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก', 'A postcode has five digits.');
  }
  const prefix = Number(postcode.slice(0, 2));
  if (prefix < 10 || prefix > 96) {
    return fail(
      'POSTCODE_UNKNOWN_PROVINCE',
      'รหัสไปรษณีย์ไม่ตรงกับจังหวัดใดในประเทศไทย (2 หลักแรกต้องอยู่ระหว่าง 10–96)',
      'No Thai province has this postcode (the first two digits must be 10–96).',
    );
  }
  return ok(postcode);
}

// ---------------------------------------------------------------------------------------------------------------
// Full names

export type ThaiFullName = {
  titleTh: string | null;
  impliedGender: 'male' | 'female' | null;
  firstName: string;
  lastName: string;
};

/** Every written title form, longest first, so นางสาว wins over นาง and ร.ต.อ. over ร.ต. */
const TITLE_PREFIXES: readonly string[] = [...new Set(KNOWN_TITLES.flatMap((title) => title.written))]
  .filter((written) => written.length > 1)
  .sort((a, b) => b.length - a.length);

function needsSpaceAfter(written: string): boolean {
  // An abbreviation without its final dot ("นส", "น.ส") must be followed by a space, or "นสมใจ" would lose letters.
  const title = TITLE_BY_KEY.get(written.replace(/[.\s]/g, ''));
  return title !== undefined && written !== title.full && !written.endsWith('.') && written.length <= 5;
}

function splitTitle(text: string): { title: ThaiTitle; rest: string; isSeparate: boolean } | null {
  const acting = text.startsWith(ACTING) ? ACTING : '';
  const rest = text.slice(acting.length).trimStart();
  for (const prefix of TITLE_PREFIXES) {
    if (!rest.startsWith(prefix)) continue;
    const after = rest.slice(prefix.length);
    const candidates = after.startsWith(FEMALE_SUFFIX)
      ? [
          { written: prefix + FEMALE_SUFFIX, after: after.slice(FEMALE_SUFFIX.length) },
          { written: prefix, after },
        ]
      : [{ written: prefix, after }];
    for (const candidate of candidates) {
      if (needsSpaceAfter(prefix) && !/^\s/.test(candidate.after)) continue;
      const title = lookUpTitle(`${acting}${candidate.written}`.replace(/[.\s]/g, ''));
      if (title && candidate.after.trim() !== '') {
        const isSeparate = /^\s/.test(candidate.after) || candidate.written.endsWith('.');
        return { title, rest: candidate.after.trim(), isSeparate };
      }
    }
  }
  return null;
}

/**
 * Splits one "ชื่อ - สกุล" cell: a title prefix if there is one (written with or without a space, "นายสมชาย"), then
 * first and last name at the first run of spaces. A title is taken off only if a first and a last name remain, so
 * "นางนวล ใจดี" (no title) is read as the title นาง and the name "นวล ใจดี" — one of the cases a separate คำนำหน้าชื่อ
 * column avoids — while "นางนวล" alone keeps its letters (and is refused for want of a last name).
 */
export function splitThaiFullName(text: string): ParseResult<ThaiFullName> {
  const written = collapseSpaces(text);
  if (written === '') return fail('NAME_REQUIRED', 'กรุณาระบุชื่อและนามสกุล', 'A first and last name are required.');
  const titled = splitTitle(written);
  // A title written apart ("นาย สมชาย", "น.ส.สมใจ") is a title; one run into the name is taken off only if a first
  // and a last name remain.
  const useTitle = titled !== null && (titled.isSeparate || titled.rest.includes(' '));
  const rest = useTitle ? titled.rest : written;
  const space = rest.indexOf(' ');
  if (space < 0) {
    return fail(
      'NAME_LAST_NAME_MISSING',
      'กรุณาระบุทั้งชื่อและนามสกุล โดยเว้นวรรคระหว่างชื่อกับนามสกุล',
      'Give both a first and a last name, separated by a space.',
    );
  }
  return ok({
    titleTh: useTitle ? titled.title.titleTh : null,
    impliedGender: useTitle ? titled.title.impliedGender : null,
    firstName: rest.slice(0, space),
    lastName: rest.slice(space + 1),
  });
}
