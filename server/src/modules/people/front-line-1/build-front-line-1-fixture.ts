/**
 * Builds Front Line 1 workbooks laid out like the survey forms the Department of Local Administration sent out
 * (seeds/003: "แบบสำรวจข้อมูลผู้ใช้ (Front Line 1)"), for tests, the benchmark and the e2e suite: a merged title,
 * two header rows with merged cells, ลำดับ, borders, the Sarabun font, Buddhist-era dates written as text, Thai
 * digits in some cells, a blank row in the middle and the หมายเหตุ block after the data.
 */
import ExcelJS from 'exceljs';

export type FrontLine1Form = 'province' | 'local' | 'province-summary';

/** One person's cells, written exactly as given (strings stay text, so tests can write anything a clerk might). */
export type FrontLine1FixturePerson = {
  titleTh?: string;
  firstNameTh?: string;
  lastNameTh?: string;
  firstNameEn?: string;
  lastNameEn?: string;
  position?: string;
  supervisorName?: string;
  birthDate?: string | Date | number;
  gender?: string;
  mobile?: string | number;
  email?: string;
  unit?: {
    name?: string;
    address?: string;
    subdistrict?: string;
    district?: string;
    province?: string;
    postcode?: string | number;
  };
};

export type FrontLine1FixtureColumn =
  | 'sequence'
  | 'title'
  | 'nameTh'
  | 'nameEn'
  | 'position'
  | 'supervisor'
  | 'birthDate'
  | 'gender'
  | 'mobile'
  | 'email'
  | 'unit';

export type FrontLine1FixtureSheet = {
  form: FrontLine1Form;
  /** Sheet name; defaults to one per form. */
  name?: string;
  /** The place after "ของ" in the title (จังหวัด … / เทศบาล…); defaults to ราชบุรี or เทศบาลตำบลบ้านโป่ง. */
  placeName?: string;
  people: readonly FrontLine1FixturePerson[];
  /** Headings as misspelt in the originals: Firsname, รับ/เดือน/ ปีเกิด, ผู้บังคับ บัญชา, คำนำ หน้าชื่อ… */
  misspellHeadings?: boolean;
  /** Title rows above the header: 0 (none), 1 (one merged cell with a line break) or 2–3; default 1 (summary: 2). */
  titleRows?: 0 | 1 | 2 | 3;
  /** ลำดับ in Thai digits (๑, ๒, …); default true for the province form. */
  thaiDigitSequence?: boolean;
  /** ลำดับ as formulas (=A5+1) and the Thai first names as rich text, as some offices' sheets have. */
  formulasAndRichText?: boolean;
  /** A fully blank row is left after this many people; default: half way (null: none). */
  blankRowAfter?: number | null;
  /** The order of the top-level columns; default the forms' order. */
  columns?: readonly FrontLine1FixtureColumn[];
  /** The หมายเหตุ block after the data; default true. */
  notes?: boolean;
};

export type FrontLine1FixtureSpec = { sheets: readonly FrontLine1FixtureSheet[] };

const DEFAULT_COLUMNS: readonly FrontLine1FixtureColumn[] = [
  'sequence',
  'title',
  'nameTh',
  'nameEn',
  'position',
  'supervisor',
  'birthDate',
  'gender',
  'mobile',
  'email',
  'unit',
];

type Heading = { top: string; sub?: readonly string[] };

function headingOf(column: FrontLine1FixtureColumn, form: FrontLine1Form, misspell: boolean): Heading {
  switch (column) {
    case 'sequence':
      return { top: 'ลำดับ' };
    case 'title':
      return { top: misspell ? 'คำนำ หน้าชื่อ' : 'คำนำหน้าชื่อ' };
    case 'nameTh':
      return { top: 'ชื่อ - สกุล (ภาษาไทย)', sub: ['ชื่อ', 'นามสกุล'] };
    case 'nameEn':
      return {
        top: 'ชื่อ - สกุล (ภาษาอังกฤษ)',
        // The local form's original reads "Firsname".
        sub: [misspell && form !== 'province-summary' ? 'Firsname' : 'Firstname', 'Lastname'],
      };
    case 'position':
      return { top: 'ตำแหน่ง' };
    case 'supervisor':
      return { top: misspell ? 'ผู้บังคับ บัญชา' : 'ผู้บังคับบัญชา' };
    case 'birthDate':
      return { top: misspell ? 'รับ/เดือน/ ปีเกิด' : 'วัน/เดือน/ปีเกิด' };
    case 'gender':
      return { top: 'เพศ' };
    case 'mobile':
      return { top: misspell ? 'โทรศัพท์ มือถือ' : 'โทรศัพท์มือถือ' };
    case 'email':
      return { top: 'e-mail' };
    case 'unit':
      return {
        top: 'ข้อมูลหน่วยงาน',
        sub: ['ชื่อหน่วยงาน', 'ที่อยู่หน่วยงาน', 'ตำบล', 'อำเภอ', 'จังหวัด', 'รหัสไปรษณีย์'],
      };
  }
}

type CellValue = ExcelJS.CellValue;

function valuesOf(column: FrontLine1FixtureColumn, person: FrontLine1FixturePerson): CellValue[] {
  switch (column) {
    case 'sequence':
      return [null]; // written by the caller
    case 'title':
      return [person.titleTh ?? null];
    case 'nameTh':
      return [person.firstNameTh ?? null, person.lastNameTh ?? null];
    case 'nameEn':
      return [person.firstNameEn ?? null, person.lastNameEn ?? null];
    case 'position':
      return [person.position ?? null];
    case 'supervisor':
      return [person.supervisorName ?? null];
    case 'birthDate':
      return [person.birthDate ?? null];
    case 'gender':
      return [person.gender ?? null];
    case 'mobile':
      return [person.mobile ?? null];
    case 'email':
      return [person.email ?? null];
    case 'unit': {
      const unit = person.unit ?? {};
      return [
        unit.name ?? null,
        unit.address ?? null,
        unit.subdistrict ?? null,
        unit.district ?? null,
        unit.province ?? null,
        unit.postcode ?? null,
      ];
    }
  }
}

const FORM_TITLES: Record<FrontLine1Form, { heading: string; placePrefix: string; defaultPlace: string }> = {
  province: {
    heading: 'แบบสำรวจข้อมูลผู้ใช้ (Front Line 1) ระบบสารสนเทศรองรับการดำเนินงาน OSCC ศูนย์ช่วยเหลือสังคม',
    placePrefix: 'ของ จังหวัด ',
    defaultPlace: 'ราชบุรี',
  },
  local: {
    heading: 'แบบสำรวจข้อมูลผู้ใช้ (Front Line 1) ระบบสารสนเทศรองรับการดำเนินงาน OSCC ศูนย์ช่วยเหลือสังคม',
    placePrefix: 'ของ ',
    defaultPlace: 'เทศบาลตำบลบ้านโป่ง',
  },
  'province-summary': {
    heading: 'แบบสรุปหน้าข้อมูลผู้ใช้ (Front Line 1) ระบบสารสนเทศรองรับการดำเนินงาน OSCC ศูนย์ช่วยเหลือสังคม',
    placePrefix: 'ของจังหวัด ',
    defaultPlace: 'ราชบุรี',
  },
};

// The notes under each form, as in the originals (seeds/003).
const FORM_NOTES: Record<FrontLine1Form, readonly string[]> = {
  province: [
    '1. แบบสำรวจหน้าข้อมูลผู้ใช้ข้างต้นให้จัดทำไปโปรแกรม Excel และบันทึกข้อมูลทั้งหมดในสมุดงานเดียวกัน',
    '2. ข้อมูลผู้ใช้ หมายถึง ข้อมูลของหัวหน้ากลุ่มงานส่งเสริมและพัฒนาท้องถิ่น หรือผู้รับผิดชอบงานตำบลวิถีการสังคม',
    '3. ให้สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด จัดส่งข้อมูลผู้ใช้ให้กรมส่งเสริมการปกครองท้องถิ่น ภายในวันที่ 5 กรกฎาคม 2556',
    '4. หากมีข้อสงสัย กรุณาติดต่อส่วนส่งเสริมการจัดการตำบลสารสนเทศและสวัสดิการสังคม โทร. 0-2241-9000 ต่อ 4131 , 4135',
  ],
  local: [
    '1. แบบสรุปงบนหน้าข้อมูลผู้ใช้ ช้างต้นให้จัดทำไปโปรแกรม Excel และบันทึกข้อมูลทั้งหมดในสมุดงานเดียวกัน',
    '2. ให้เทศบาล/องค์การบริหารส่วนตำบล จัดส่งข้อมูลผู้ใช้ให้อำเภอ/จังหวัด ภายในวันที่ 4 กรกฎาคม 2556',
    '3. หากมีข้อสงสัย กรุณาติดต่อส่วนส่งเสริมการจัดการศึกษาสาธารณสุขและสวัสดิการสังคม โทร. 0-2241-9000 ต่อ 4131 , 4135',
  ],
  'province-summary': [
    '1. แบบสรุปหน้าข้อมูลผู้ใช้ข้างต้นให้จัดทำไปโปรแกรม Excel และบันทึกข้อมูลทั้งหมดในสมุดงานเดียวกัน',
    '2. ข้อมูลผู้ใช้ในลำดับที่ 1 หมายถึง ข้อมูลของหัวหน้ากลุ่มงานส่งเสริมและพัฒนาท้องถิ่น หรือผู้รับผิดชอบงานด้านสวัสดิการสังคม',
    '3. ข้อมูลผู้ใช้ในลำดับต่อมา หมายถึง ข้อมูลของผู้ใช้ในส่วนของแต่ละเขตและองค์การบริหารส่วนตำบล',
    '4. ให้สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดรวบรวมส่งกรมส่งเสริมการปกครองท้องถิ่นภายในวันที่ 5 กรกฎาคม 2556',
  ],
};

const DEFAULT_SHEET_NAMES: Record<FrontLine1Form, string> = {
  province: 'จังหวัด',
  local: 'เทศบาล-อบต',
  'province-summary': 'สรุปจังหวัด',
};

const FONT: Partial<ExcelJS.Font> = { name: 'TH Sarabun New', size: 14 };
const BOLD_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)] ?? digit);
}

function spanOf(column: FrontLine1FixtureColumn): number {
  return column === 'unit' ? 6 : column === 'nameTh' || column === 'nameEn' ? 2 : 1;
}

/** The 0-based index of a column's first cell in a row, or null when the sheet lacks it. */
function startOf(columns: readonly FrontLine1FixtureColumn[], key: FrontLine1FixtureColumn): number | null {
  const position = columns.indexOf(key);
  return position < 0 ? null : columns.slice(0, position).reduce((sum, column) => sum + spanOf(column), 0);
}

function addSheet(workbook: ExcelJS.Workbook, sheet: FrontLine1FixtureSheet, usedNames: Set<string>): void {
  let name = sheet.name ?? DEFAULT_SHEET_NAMES[sheet.form];
  for (let n = 2; usedNames.has(name); n += 1) name = `${sheet.name ?? DEFAULT_SHEET_NAMES[sheet.form]} (${n})`;
  usedNames.add(name);
  const worksheet = workbook.addWorksheet(name);
  const misspell = sheet.misspellHeadings ?? false;
  const columns = sheet.columns ?? DEFAULT_COLUMNS;
  const headings = columns.map((column) => headingOf(column, sheet.form, misspell));
  const width = headings.reduce((sum, heading) => sum + (heading.sub?.length ?? 1), 0);
  const sequenceColumn = (startOf(columns, 'sequence') ?? -1) + 1; // 0 when there is no ลำดับ column

  // Title
  const title = FORM_TITLES[sheet.form];
  const titleRows = sheet.titleRows ?? (sheet.form === 'province-summary' ? 2 : 1);
  const place = `${title.placePrefix}${sheet.placeName ?? title.defaultPlace}`;
  const titleLines =
    titleRows === 0
      ? []
      : titleRows === 1
        ? [`${title.heading}\n${place}`]
        : titleRows === 2
          ? [title.heading, place]
          : [title.heading, place, ''];
  let rowNumber = 1;
  for (const line of titleLines) {
    const cell = worksheet.getCell(rowNumber, 1);
    cell.value = line;
    cell.font = { ...BOLD_FONT, size: 16 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    worksheet.mergeCells(rowNumber, 1, rowNumber, width);
    if (line.includes('\n')) worksheet.getRow(rowNumber).height = 42;
    rowNumber += 1;
  }

  // Two header rows: groups merged across, single headings merged down.
  const top = rowNumber;
  let column = 1;
  for (const heading of headings) {
    const span = heading.sub?.length ?? 1;
    const cell = worksheet.getCell(top, column);
    cell.value = heading.top;
    if (heading.sub) {
      worksheet.mergeCells(top, column, top, column + span - 1);
      heading.sub.forEach((sub, index) => {
        worksheet.getCell(top + 1, column + index).value = sub;
      });
    } else {
      worksheet.mergeCells(top, column, top + 1, column);
    }
    column += span;
  }
  for (let r = top; r <= top + 1; r += 1) {
    for (let c = 1; c <= width; c += 1) {
      const cell = worksheet.getCell(r, c);
      cell.font = BOLD_FONT;
      cell.alignment = CENTRED;
      cell.border = BORDER;
    }
  }

  // Data
  const blankAfter =
    sheet.blankRowAfter === undefined
      ? sheet.people.length >= 2
        ? Math.floor(sheet.people.length / 2)
        : null
      : sheet.blankRowAfter;
  const thaiSequence = sheet.thaiDigitSequence ?? sheet.form === 'province';
  const sequenceLetter = sequenceColumn > 0 ? worksheet.getColumn(sequenceColumn).letter : 'A';
  rowNumber = top + 2;
  let previousDataRow: number | null = null;
  sheet.people.forEach((person, index) => {
    if (blankAfter !== null && index === blankAfter) {
      const blank = worksheet.getRow(rowNumber);
      for (let c = 1; c <= width; c += 1) blank.getCell(c).border = BORDER;
      rowNumber += 1;
    }
    const values = columns.flatMap((column) => valuesOf(column, person));
    if (sequenceColumn > 0) {
      const sequence = index + 1;
      values[sequenceColumn - 1] =
        sheet.formulasAndRichText && previousDataRow !== null
          ? { formula: `${sequenceLetter}${previousDataRow}+1`, result: sequence }
          : thaiSequence
            ? toThaiDigits(String(sequence))
            : sequence;
    }
    const firstNameIndex = startOf(columns, 'nameTh');
    const firstName = firstNameIndex === null ? null : values[firstNameIndex];
    if (sheet.formulasAndRichText && firstNameIndex !== null && typeof firstName === 'string' && firstName.length > 1) {
      values[firstNameIndex] = {
        richText: [
          { text: firstName.slice(0, 1), font: BOLD_FONT },
          { text: firstName.slice(1), font: FONT },
        ],
      };
    }
    const row = worksheet.getRow(rowNumber);
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c);
      const value = values[c - 1];
      if (value !== null && value !== undefined) cell.value = value;
      cell.border = BORDER;
    }
    previousDataRow = rowNumber;
    rowNumber += 1;
  });

  // Notes
  if (sheet.notes ?? true) {
    rowNumber += 1;
    worksheet.getCell(rowNumber, 1).value = '*';
    rowNumber += 1;
    const heading = worksheet.getCell(rowNumber, 2);
    heading.value = 'หมายเหตุ';
    heading.font = BOLD_FONT;
    rowNumber += 1;
    for (const note of FORM_NOTES[sheet.form]) {
      worksheet.getCell(rowNumber, 2).value = note;
      rowNumber += 1;
    }
  }

  const widths = columns.flatMap((column) =>
    column === 'unit'
      ? [28, 24, 14, 14, 14, 10]
      : column === 'nameTh' || column === 'nameEn'
        ? [14, 16]
        : [column === 'email' ? 26 : 12],
  );
  widths.forEach((w, index) => {
    const col = worksheet.getColumn(index + 1);
    col.width = w;
    col.font = FONT;
  });
}

/** A workbook with one sheet per form in the spec, as an .xlsx file. */
export async function buildFrontLine1Workbook(spec: FrontLine1FixtureSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OSCC test fixture';
  const usedNames = new Set<string>();
  for (const sheet of spec.sheets) addSheet(workbook, sheet, usedNames);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// Made-up people for larger fixtures (the benchmark, the e2e suite): deterministic, every value valid.

type Place = { subdistrict: string; district: string; province: string; postcode: string };

const FIRST_NAMES_MALE = ['สมชาย', 'ประเสริฐ', 'วิชัย', 'สมศักดิ์', 'อนุชา', 'ธนากร', 'กิตติ', 'ณัฐพล'];
const FIRST_NAMES_FEMALE = ['สมหญิง', 'มาลี', 'สุนีย์', 'วันเพ็ญ', 'กนกพร', 'จันทร์เพ็ญ', 'พรทิพย์', 'ศิริพร'];
const LAST_NAMES = ['ใจดี', 'รักไทย', 'มั่นคง', 'ศรีสุข', 'บุญมา', 'ทองดี', 'แก้วมณี', 'สุขสวัสดิ์', 'พรหมมา'];
const LATIN_FIRST = ['Somchai', 'Prasert', 'Wichai', 'Somsak', 'Anucha', 'Thanakorn', 'Kitti', 'Nattapon'];
const LATIN_FIRST_FEMALE = ['Somying', 'Malee', 'Sunee', 'Wanpen', 'Kanokporn', 'Chanpen', 'Pornthip', 'Siriporn'];
const LATIN_LAST = ['Jaidee', 'Rakthai', 'Mankong', 'Srisuk', 'Boonma', 'Thongdee', 'Kaewmanee', 'Suksawat', 'Prommma'];
const PLACES: readonly [Place, ...Place[]] = [
  { subdistrict: 'หน้าเมือง', district: 'เมืองราชบุรี', province: 'ราชบุรี', postcode: '70000' },
  { subdistrict: 'บ้านโป่ง', district: 'บ้านโป่ง', province: 'ราชบุรี', postcode: '70110' },
  { subdistrict: 'โพธาราม', district: 'โพธาราม', province: 'ราชบุรี', postcode: '70120' },
  { subdistrict: 'ดำเนินสะดวก', district: 'ดำเนินสะดวก', province: 'ราชบุรี', postcode: '70130' },
];

/**
 * `count` valid people with unique e-mails (`user1@example.go.th`, … with the prefix given); every seventh writes
 * its date and mobile in Thai digits, every fifth its mobile as +66.
 */
export function generateFrontLine1People(
  count: number,
  options: { emailPrefix?: string; emailDomain?: string } = {},
): FrontLine1FixturePerson[] {
  const prefix = options.emailPrefix ?? 'user';
  const domain = options.emailDomain ?? 'example.go.th';
  const people: FrontLine1FixturePerson[] = [];
  for (let i = 0; i < count; i += 1) {
    const isFemale = i % 2 === 1;
    const k = Math.floor(i / 2);
    const place = PLACES[i % PLACES.length] ?? PLACES[0];
    const day = (i % 28) + 1;
    const month = (i % 12) + 1;
    const year = 2500 + (i % 40);
    const digits = String(10_000_000 + ((i * 7919) % 90_000_000)).padStart(8, '0');
    let birthDate = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    let mobile = `08${digits.slice(0, 1)}-${digits.slice(1, 4)}-${digits.slice(4)}`;
    if (i % 5 === 4) mobile = `+66 8${digits.slice(0, 1)} ${digits.slice(1, 4)} ${digits.slice(4)}`;
    if (i % 7 === 6) {
      birthDate = toThaiDigits(birthDate);
      mobile = toThaiDigits(`08${digits}`);
    }
    people.push({
      titleTh: isFemale ? (i % 4 === 1 ? 'นาง' : 'น.ส.') : 'นาย',
      firstNameTh: (isFemale ? FIRST_NAMES_FEMALE : FIRST_NAMES_MALE)[k % 8],
      lastNameTh: LAST_NAMES[i % LAST_NAMES.length],
      firstNameEn: (isFemale ? LATIN_FIRST_FEMALE : LATIN_FIRST)[k % 8],
      lastNameEn: LATIN_LAST[i % LATIN_LAST.length],
      position: i === 0 ? 'หัวหน้ากลุ่มงานส่งเสริมและพัฒนาท้องถิ่น' : 'นักพัฒนาชุมชนปฏิบัติการ',
      supervisorName: 'นายประเสริฐ มั่นคง',
      birthDate,
      gender: isFemale ? 'หญิง' : 'ชาย',
      mobile,
      email: `${prefix}${i + 1}@${domain}`,
      unit: {
        name: i % 3 === 0 ? `เทศบาลตำบล${place.subdistrict}` : `องค์การบริหารส่วนตำบล${place.subdistrict}`,
        address: `${(i % 200) + 1} หมู่ ${(i % 12) + 1}`,
        ...place,
      },
    });
  }
  return people;
}
