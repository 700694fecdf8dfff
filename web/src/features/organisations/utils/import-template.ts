import { UNIT_IMPORT_COLUMNS, UNIT_TYPE_LABELS, type UnitImportColumn } from '@oscc/contract';

/**
 * One example row, written the way the importer reads each column: names or codes for places, the unit type and
 * problem types by their Thai names, office hours as "จ-ศ 08:30-16:30" (or "24 ชั่วโมง"), areas as codes.
 */
export const UNIT_IMPORT_EXAMPLE: Record<UnitImportColumn, string> = {
  code: 'MSDHS-PO-70-EX1',
  nameTh: 'ศูนย์ช่วยเหลือสังคมตัวอย่าง จังหวัดราชบุรี',
  nameEn: 'Example Social Assistance Centre, Ratchaburi',
  type: UNIT_TYPE_LABELS.provincial_msdhs_office.th,
  agency: 'MSDHS-OPS',
  province: 'ราชบุรี',
  district: 'เมืองราชบุรี',
  subdistrict: 'หน้าเมือง',
  address: '123 ถนนตัวอย่าง',
  postcode: '70000',
  phone: '032-000-000',
  email: 'example@example.org',
  officeHours: 'จ-ศ 08:30-16:30',
  areas: '7001, 7005',
  problemTypes: 'ความรุนแรงในครอบครัว, ผู้สูงอายุ',
};

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The units import template: the Thai headings in the importer's order and one example row, as CSV in UTF-8
 * with a byte order mark — without it, Excel opens Thai text as mojibake.
 */
export function unitImportTemplateCsv(): string {
  const lines = [
    UNIT_IMPORT_COLUMNS.map((column) => csvField(column.th)),
    UNIT_IMPORT_COLUMNS.map((column) => csvField(UNIT_IMPORT_EXAMPLE[column.key])),
  ];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}

export const UNIT_IMPORT_TEMPLATE_NAME = 'oscc-units-template.csv';
