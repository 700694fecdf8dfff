/**
 * Reads the Front Line 1 user survey (seeds/003: "แบบสำรวจข้อมูลผู้ใช้ (Front Line 1)"): the province's form, the
 * municipality/SAO's form and the province's summary, each possibly its own sheet of one workbook, or a CSV saved
 * from one sheet. Real files vary, so headings are matched loosely (spaces, case and the typos of the originals), the
 * title may be missing, and data stops at the หมายเหตุ block. Every value is checked with the contract's validators;
 * nothing is thrown for bad data — each row carries its problems, each sheet its own.
 */
import {
  parseBirthDate,
  parseEmail,
  parseGender,
  parsePostcode,
  parseThaiMobile,
  parseThaiTitle,
  splitThaiFullName,
  toAsciiDigits,
  type ParseResult,
} from '@oscc/contract';
import { EMPTY, readCsvGrid, readWorkbookGrids, type Grid, type GridCell } from '../../../platform/spreadsheet/grid.ts';

export type FrontLine1FormKind = 'province' | 'local' | 'province-summary' | 'unknown';

export type RowProblem = { column: string; code: string; th: string; en: string; value: string };
export type SheetProblem = { code: string; th: string; en: string; column?: string };

export type FrontLine1Unit = {
  name: string | null;
  address: string | null;
  subdistrict: string | null;
  district: string | null;
  province: string | null;
  postcode: string | null;
};

export type FrontLine1Row = {
  sheet: string;
  /** The row's number in the sheet (1-based, as Excel shows it; for CSV, the record's number). */
  rowNumber: number;
  sequence: number | null;
  titleTh: string | null;
  firstNameTh: string | null;
  lastNameTh: string | null;
  firstNameEn: string | null;
  lastNameEn: string | null;
  position: string | null;
  supervisorName: string | null;
  /** ISO date, Christian era. */
  birthDate: string | null;
  gender: 'male' | 'female' | 'other' | null;
  /** E.164. */
  mobile: string | null;
  email: string | null;
  unit: FrontLine1Unit;
  problems: RowProblem[];
};

export type FrontLine1Sheet = {
  name: string;
  form: FrontLine1FormKind;
  /** The place named after "ของ" in the title (ราชบุรี, เทศบาลตำบลบ้านโป่ง), or null. */
  placeName: string | null;
  /** The first header row (the one with ลำดับ), 1-based; 0 when no header was found. */
  headerRow: number;
  rows: FrontLine1Row[];
  problems: SheetProblem[];
};

export type FrontLine1Workbook = { sheets: FrontLine1Sheet[] };

export type FrontLine1ParseOptions = { today: Date };

// ---------------------------------------------------------------------------------------------------------------
// Columns

type Field =
  | 'sequence'
  | 'title'
  | 'firstNameTh'
  | 'lastNameTh'
  | 'fullNameTh'
  | 'firstNameEn'
  | 'lastNameEn'
  | 'fullNameEn'
  | 'position'
  | 'supervisor'
  | 'birthDate'
  | 'gender'
  | 'mobile'
  | 'email'
  | 'unitName'
  | 'unitAddress'
  | 'subdistrict'
  | 'district'
  | 'province'
  | 'postcode';

/** The Thai heading each field is reported under: the forms' own wording. */
const HEADINGS: Record<Field, string> = {
  sequence: 'ลำดับ',
  title: 'คำนำหน้าชื่อ',
  firstNameTh: 'ชื่อ (ภาษาไทย)',
  lastNameTh: 'นามสกุล (ภาษาไทย)',
  fullNameTh: 'ชื่อ - สกุล (ภาษาไทย)',
  firstNameEn: 'Firstname',
  lastNameEn: 'Lastname',
  fullNameEn: 'ชื่อ - สกุล (ภาษาอังกฤษ)',
  position: 'ตำแหน่ง',
  supervisor: 'ผู้บังคับบัญชา',
  birthDate: 'วัน/เดือน/ปีเกิด',
  gender: 'เพศ',
  mobile: 'โทรศัพท์มือถือ',
  email: 'e-mail',
  unitName: 'ชื่อหน่วยงาน',
  unitAddress: 'ที่อยู่หน่วยงาน',
  subdistrict: 'ตำบล',
  district: 'อำเภอ',
  province: 'จังหวัด',
  postcode: 'รหัสไปรษณีย์',
};

/** Heading text folded for matching: no spaces or punctuation, lower case, ASCII digits. */
function foldHeading(text: string): string {
  return toAsciiDigits(text)
    .toLowerCase()
    .replace(/[\s\-_.:*()[\]/\\"'’]/g, '');
}

type Group = 'nameTh' | 'nameEn' | 'unit' | null;

function groupOf(top: string): Group {
  if (top.includes('อังกฤษ') || top.includes('english')) return 'nameEn';
  if (top.includes('ข้อมูลหน่วยงาน') || top === 'หน่วยงาน') return 'unit';
  if (top.includes('ภาษาไทย') || /^ชื่อ-?(นาม)?สกุล$/.test(top) || top === 'ชื่อสกุล') return 'nameTh';
  return null;
}

const FIRST_NAME_EN = new Set(['firstname', 'firsname', 'fristname', 'firstnam', 'name', 'givenname']);
const LAST_NAME_EN = new Set(['lastname', 'lasname', 'surname', 'familyname']);

/** A sub-heading (second row) read within its group, or alone. */
function fieldOfSub(sub: string, group: Group): Field | null {
  if (FIRST_NAME_EN.has(sub)) return 'firstNameEn';
  if (LAST_NAME_EN.has(sub)) return 'lastNameEn';
  if (sub === 'ชื่อ') return group === 'nameEn' ? 'firstNameEn' : 'firstNameTh';
  if (sub === 'นามสกุล' || sub === 'สกุล') return group === 'nameEn' ? 'lastNameEn' : 'lastNameTh';
  if (sub === 'ชื่อหน่วยงาน' || (group === 'unit' && (sub === 'ชื่อ' || sub === 'หน่วยงาน'))) return 'unitName';
  if (sub.startsWith('ที่อยู่')) return 'unitAddress';
  if (sub.startsWith('ตำบล') || sub === 'แขวง') return 'subdistrict';
  if (sub.startsWith('อำเภอ') || sub === 'เขต') return 'district';
  if (sub === 'จังหวัด') return 'province';
  if (sub.includes('ไปรษณีย์') || sub === 'postcode' || sub === 'zipcode') return 'postcode';
  return null;
}

/** A heading standing alone (merged down over both header rows). */
function fieldOfTop(top: string): Field | null {
  if (top === 'ลำดับ' || top === 'ลำดับที่' || top === 'ที่' || top === 'no') return 'sequence';
  // "ลำดับหน้าชื่อ…" is how the original's first two headings read when pasted as text; คำนำ marks the title.
  if (top.includes('คำนำ')) return 'title';
  if (top.startsWith('ตำแหน่ง') || top === 'position') return 'position';
  if (top.includes('บังคับบัญชา') || top === 'supervisor') return 'supervisor';
  if (top.includes('เกิด') || top.includes('birth')) return 'birthDate';
  if (top === 'เพศ' || top === 'gender' || top === 'sex') return 'gender';
  if (top.includes('มือถือ') || top.startsWith('โทรศัพท์') || top.includes('mobile') || top.includes('phone')) {
    return 'mobile';
  }
  if (top === 'email' || top === 'อีเมล' || top === 'อีเมล์' || top === 'อีเมลล์' || top.startsWith('email')) {
    return 'email';
  }
  return null;
}

type ColumnMap = Map<Field, number>;

function mapColumns(topRow: readonly GridCell[], subRow: readonly GridCell[]): { map: ColumnMap; duplicates: Field[] } {
  const width = Math.max(topRow.length, subRow.length);
  const map: ColumnMap = new Map();
  const duplicates: Field[] = [];
  const groupColumns = new Map<Group, number[]>();
  let top = '';
  for (let c = 0; c < width; c += 1) {
    const ownTop = foldHeading(topRow[c]?.text ?? '');
    const sub = foldHeading(subRow[c]?.text ?? '');
    // A heading merged across several columns (or, in a CSV, written once over them) covers the blank cells after
    // it that have a sub-heading.
    if (ownTop !== '') top = ownTop;
    else if (sub === '') top = '';
    const group = groupOf(top);
    let field: Field | null = null;
    if (sub !== '') field = fieldOfSub(sub, group);
    if (field === null && ownTop !== '') field = fieldOfTop(ownTop) ?? fieldOfSub(ownTop, null);
    if (field === null && group !== null) {
      const members = groupColumns.get(group) ?? [];
      members.push(c);
      groupColumns.set(group, members);
      continue;
    }
    if (field === null) continue;
    if (map.has(field)) duplicates.push(field);
    else map.set(field, c);
  }
  // A name group with no sub-headings is one "ชื่อ - สกุล" cell to split.
  const nameTh = groupColumns.get('nameTh');
  if (nameTh?.length === 1 && nameTh[0] !== undefined && !map.has('firstNameTh')) map.set('fullNameTh', nameTh[0]);
  const nameEn = groupColumns.get('nameEn');
  if (nameEn?.length === 1 && nameEn[0] !== undefined && !map.has('firstNameEn')) map.set('fullNameEn', nameEn[0]);
  return { map, duplicates };
}

const HEADER_SEARCH_ROWS = 30;

/** The header's first row: the first row with ลำดับ, or else the first with at least three known headings. */
function findHeader(grid: Grid): number | null {
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r += 1) {
    if ((grid.rows[r] ?? []).some((cell) => fieldOfTop(foldHeading(cell.text)) === 'sequence')) return r;
  }
  for (let r = 0; r < limit; r += 1) {
    const known = (grid.rows[r] ?? []).filter((cell) => {
      const folded = foldHeading(cell.text);
      return folded !== '' && (fieldOfTop(folded) !== null || groupOf(folded) !== null);
    });
    if (known.length >= 3) return r;
  }
  return null;
}

function hasSubHeadings(row: readonly GridCell[]): boolean {
  return row.some((cell) => {
    const folded = foldHeading(cell.text);
    return folded !== '' && fieldOfSub(folded, null) !== null;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Title: the form and the place

function formOf(title: string): FrontLine1FormKind {
  const folded = title.replace(/\s/g, '');
  if (folded.includes('แบบสรุป')) return 'province-summary';
  if (folded.includes('เทศบาล') || folded.includes('องค์การบริหารส่วนตำบล') || folded.includes('อบต')) return 'local';
  if (folded.includes('จังหวัด')) return 'province';
  return 'unknown';
}

function placeOf(title: string, form: FrontLine1FormKind): string | null {
  const match = /(?:^|\s|\))ของ\s*(.+)$/s.exec(title);
  if (!match?.[1]) return null;
  let place = (match[1].split(/\r?\n/)[0] ?? '')
    .replace(/[.…]{2,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (form === 'province' || form === 'province-summary') place = place.replace(/^(จังหวัด|จ\.)\s*/, '');
  // The local form's blank reads "เทศบาล/องค์การบริหารส่วนตำบล ....."; a clerk may fill in after it.
  place = place.replace(/^เทศบาล\s*\/\s*องค์การบริหารส่วนตำบล\s*/, '').trim();
  return place === '' ? null : place;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

const NOTES = 'หมายเหตุ';

function isNotesRow(row: readonly GridCell[]): boolean {
  return row.some((cell) => cell.text.replace(/[\s*]/g, '').startsWith(NOTES));
}

/** Only spaces, dots, dashes or footnote stars: a placeholder, not data. */
function isBlankText(text: string): boolean {
  return /^[\s.*\-–…_]*$/.test(text);
}

function clean(text: string): string | null {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return isBlankText(collapsed) ? null : collapsed;
}

type RowContext = {
  sheet: string;
  today: Date;
  map: ColumnMap;
  seenEmails: Map<string, { sheet: string; rowNumber: number }>;
};

function parseRow(cells: readonly GridCell[], rowNumber: number, context: RowContext): FrontLine1Row {
  const problems: RowProblem[] = [];
  const cellAt = (field: Field): GridCell => {
    const column = context.map.get(field);
    return column === undefined ? EMPTY : (cells[column] ?? EMPTY);
  };
  const textAt = (field: Field): string | null => clean(cellAt(field).text);
  const report = (field: Field, problem: { code: string; th: string; en: string }, value: string): void => {
    problems.push({ column: HEADINGS[field], ...problem, value });
  };
  function check<T>(field: Field, text: string, result: ParseResult<T>): T | null {
    if (result.ok) return result.value;
    report(field, result.problem, text);
    return null;
  }
  const required = (field: Field, th: string, en: string): void => {
    if (context.map.has(field)) report(field, { code: `${fieldCode(field)}_REQUIRED`, th, en }, '');
  };

  // ลำดับ: a number, Thai digits, "1." — or a formula's result.
  let sequence: number | null = null;
  const sequenceText = textAt('sequence');
  if (sequenceText !== null) {
    const digits = toAsciiDigits(sequenceText).replace(/\.$/, '');
    if (/^\d+$/.test(digits)) sequence = Number(digits);
    else {
      report(
        'sequence',
        { code: 'SEQUENCE_INVALID', th: 'ลำดับต้องเป็นตัวเลข', en: 'The row number (ลำดับ) must be a number.' },
        sequenceText,
      );
    }
  }

  let titleTh: string | null = null;
  const titleText = textAt('title');
  if (titleText !== null) titleTh = check('title', titleText, parseThaiTitle(titleText))?.titleTh ?? null;

  let firstNameTh = textAt('firstNameTh');
  let lastNameTh = textAt('lastNameTh');
  const fullNameTh = textAt('fullNameTh');
  if (fullNameTh !== null) {
    const name = check('fullNameTh', fullNameTh, splitThaiFullName(fullNameTh));
    if (name) {
      firstNameTh = name.firstName;
      lastNameTh = name.lastName;
      titleTh ??= name.titleTh;
    }
  } else {
    if (firstNameTh === null) {
      required('firstNameTh', 'กรุณาระบุชื่อ (ภาษาไทย)', 'The first name in Thai is required.');
    }
    if (lastNameTh === null) {
      required('lastNameTh', 'กรุณาระบุนามสกุล (ภาษาไทย)', 'The last name in Thai is required.');
    }
  }
  let firstNameEn = textAt('firstNameEn');
  let lastNameEn = textAt('lastNameEn');
  const fullNameEn = textAt('fullNameEn');
  if (fullNameEn !== null) {
    const space = fullNameEn.indexOf(' ');
    firstNameEn = space < 0 ? fullNameEn : fullNameEn.slice(0, space);
    lastNameEn = space < 0 ? null : fullNameEn.slice(space + 1);
  }
  for (const [field, value] of [
    ['firstNameEn', firstNameEn],
    ['lastNameEn', lastNameEn],
  ] as const) {
    if (value !== null && !/^[A-Za-z][A-Za-z .'-]*$/.test(value)) {
      report(
        fullNameEn !== null ? 'fullNameEn' : field,
        {
          code: 'NAME_EN_INVALID',
          th: 'ชื่อภาษาอังกฤษต้องเป็นตัวอักษรภาษาอังกฤษ',
          en: 'The English name must be written in Latin letters.',
        },
        value,
      );
    }
  }

  let birthDate: string | null = null;
  const birthCell = cellAt('birthDate');
  const birthText = clean(birthCell.text);
  if (birthText !== null) {
    const raw = birthCell.value instanceof Date || typeof birthCell.value === 'number' ? birthCell.value : birthText;
    birthDate = check('birthDate', birthText, parseBirthDate(raw, context.today));
  }

  let gender: FrontLine1Row['gender'] = null;
  const genderText = textAt('gender');
  if (genderText !== null) gender = check('gender', genderText, parseGender(genderText));

  let mobile: string | null = null;
  const mobileCell = cellAt('mobile');
  let mobileText = clean(mobileCell.text);
  // A number typed into a General cell loses its leading 0: 812345678 was 0812345678.
  if (mobileText !== null && typeof mobileCell.value === 'number' && /^[689]\d{8}$/.test(mobileText)) {
    mobileText = `0${mobileText}`;
  }
  if (mobileText !== null) mobile = check('mobile', mobileText, parseThaiMobile(mobileText));

  let email: string | null = null;
  const emailText = textAt('email');
  if (emailText === null)
    required('email', 'กรุณาระบุ e-mail (ใช้เป็นชื่อผู้ใช้)', 'An e-mail is required (it is the user name).');
  else {
    email = check('email', emailText, parseEmail(emailText));
    if (email !== null) {
      const first = context.seenEmails.get(email);
      if (first) {
        report(
          'email',
          {
            code: 'EMAIL_DUPLICATE',
            th: `e-mail นี้ซ้ำกับแถวที่ ${first.rowNumber} ของแผ่นงาน "${first.sheet}" (ผู้ใช้หนึ่งคนต่อหนึ่ง e-mail)`,
            en: `This e-mail is already used on row ${first.rowNumber} of sheet "${first.sheet}" (one user per e-mail).`,
          },
          emailText,
        );
      } else context.seenEmails.set(email, { sheet: context.sheet, rowNumber });
    }
  }

  const unitName = textAt('unitName');
  if (unitName === null) required('unitName', 'กรุณาระบุชื่อหน่วยงาน', 'The unit name is required.');
  let postcode: string | null = null;
  const postcodeText = textAt('postcode');
  if (postcodeText !== null) postcode = check('postcode', postcodeText, parsePostcode(postcodeText));

  return {
    sheet: context.sheet,
    rowNumber,
    sequence,
    titleTh,
    firstNameTh,
    lastNameTh,
    firstNameEn,
    lastNameEn,
    position: textAt('position'),
    supervisorName: textAt('supervisor'),
    birthDate,
    gender,
    mobile,
    email,
    unit: {
      name: unitName,
      address: textAt('unitAddress'),
      subdistrict: textAt('subdistrict'),
      district: textAt('district'),
      province: textAt('province'),
      postcode,
    },
    problems,
  };
}

function fieldCode(field: Field): string {
  switch (field) {
    case 'firstNameTh':
      return 'FIRST_NAME_TH';
    case 'lastNameTh':
      return 'LAST_NAME_TH';
    case 'unitName':
      return 'UNIT_NAME';
    default:
      return field.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
  }
}

const REQUIRED_COLUMNS: readonly { fields: readonly Field[]; heading: string; en: string }[] = [
  { fields: ['firstNameTh', 'fullNameTh'], heading: 'ชื่อ (ภาษาไทย)', en: 'first name in Thai' },
  { fields: ['lastNameTh', 'fullNameTh'], heading: 'นามสกุล (ภาษาไทย)', en: 'last name in Thai' },
  { fields: ['email'], heading: 'e-mail', en: 'e-mail' },
  { fields: ['unitName'], heading: 'ชื่อหน่วยงาน', en: 'unit name' },
];

function parseGrid(
  grid: Grid,
  options: FrontLine1ParseOptions,
  seenEmails: RowContext['seenEmails'],
): FrontLine1Sheet | null {
  if (grid.rows.every((row) => row.every((cell) => isBlankText(cell.text)))) return null;
  const header = findHeader(grid);
  if (header === null) {
    return {
      name: grid.name,
      form: 'unknown',
      placeName: null,
      headerRow: 0,
      rows: [],
      problems: [
        {
          code: 'HEADER_NOT_FOUND',
          th: 'ไม่พบแถวหัวตาราง (ลำดับ, คำนำหน้าชื่อ, ชื่อ - สกุล …) ในแผ่นงานนี้',
          en: 'No header row (ลำดับ, คำนำหน้าชื่อ, ชื่อ - สกุล …) was found on this sheet.',
        },
      ],
    };
  }
  const title = grid.rows
    .slice(0, header)
    .flatMap((row) => row.map((cell) => cell.text.trim()).filter((text) => text !== ''))
    .filter((text, index, all) => all.indexOf(text) === index) // merged cells repeat their text
    .join('\n');
  const form = formOf(title);
  const topRow = grid.rows[header] ?? [];
  const nextRow = grid.rows[header + 1] ?? [];
  const twoRows = hasSubHeadings(nextRow);
  const { map, duplicates } = mapColumns(topRow, twoRows ? nextRow : []);

  const problems: SheetProblem[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (!column.fields.some((field) => map.has(field))) {
      problems.push({
        code: 'COLUMN_MISSING',
        column: column.heading,
        th: `ไม่พบคอลัมน์ "${column.heading}" ในแผ่นงานนี้`,
        en: `The ${column.en} column (${column.heading}) is missing from this sheet.`,
      });
    }
  }
  for (const field of duplicates) {
    problems.push({
      code: 'COLUMN_DUPLICATE',
      column: HEADINGS[field],
      th: `พบคอลัมน์ "${HEADINGS[field]}" มากกว่าหนึ่งคอลัมน์ ใช้คอลัมน์แรก`,
      en: `The ${HEADINGS[field]} column appears more than once; the first is used.`,
    });
  }

  const context: RowContext = { sheet: grid.name, today: options.today, map, seenEmails };
  const sequenceColumn = map.get('sequence');
  const rows: FrontLine1Row[] = [];
  for (let r = header + (twoRows ? 2 : 1); r < grid.rows.length; r += 1) {
    const cells = grid.rows[r] ?? [];
    if (isNotesRow(cells)) break;
    // The summary form comes with ลำดับ 1–10 already numbered: a row with nothing else is blank.
    if (cells.every((cell, column) => column === sequenceColumn || isBlankText(cell.text))) continue;
    rows.push(parseRow(cells, r + 1, context));
  }
  return { name: grid.name, form, placeName: placeOf(title, form), headerRow: header + 1, rows, problems };
}

/** Every sheet of an .xlsx workbook that holds anything; empty sheets are left out. */
export async function parseFrontLine1Workbook(
  buffer: Buffer | ArrayBuffer,
  options: FrontLine1ParseOptions,
): Promise<FrontLine1Workbook> {
  const seenEmails: RowContext['seenEmails'] = new Map();
  const sheets: FrontLine1Sheet[] = [];
  for (const grid of await readWorkbookGrids(buffer)) {
    const sheet = parseGrid(grid, options, seenEmails);
    if (sheet) sheets.push(sheet);
  }
  return { sheets };
}

/** One sheet saved as CSV (UTF-8, with or without a byte-order mark; comma, semicolon or tab separated). */
export function parseFrontLine1Csv(
  text: string,
  options: FrontLine1ParseOptions & { sheetName?: string },
): FrontLine1Workbook {
  const sheet = parseGrid(readCsvGrid(text, options.sheetName ?? 'CSV'), options, new Map());
  return { sheets: sheet ? [sheet] : [] };
}
