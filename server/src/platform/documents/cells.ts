import {
  BUDDHIST_ERA_OFFSET,
  formatBuddhistDate,
  type LocalizedText,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
  type ReportLanguage,
} from '@oscc/contract';

/**
 * How a report's cells and fixed texts read, in Thai or English: the one
 * place the .xlsx, the CSV and the PDF take their words from, so all three
 * say the same thing.
 */

export type ColumnKind = ReportColumn['kind'];

/** Shown for a figure that does not exist (null). */
export const NO_VALUE = '–';

/** The fixed texts of every rendered report. */
export const LABELS = {
  period: { th: 'ช่วงเวลา', en: 'Period' },
  scope: { th: 'ขอบเขต', en: 'Scope' },
  filters: { th: 'ตัวกรอง', en: 'Filters' },
  noFilters: { th: 'ไม่มี', en: 'None' },
  generated: { th: 'จัดทำเมื่อ', en: 'Generated' },
  minutesUnit: { th: 'นาที', en: 'minutes' },
} as const satisfies Record<string, LocalizedText>;

export function pageLabel(page: number, pages: number, language: ReportLanguage): string {
  return language === 'th' ? `หน้า ${page} จาก ${pages}` : `Page ${page} of ${pages}`;
}

export function localize(text: LocalizedText, language: ReportLanguage): string {
  return text[language];
}

const countFormats = {
  th: new Intl.NumberFormat('th-TH', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
const percentFormats = {
  th: new Intl.NumberFormat('th-TH', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** 1234 → "1,234" (Latin digits in both languages, as the screens show them). */
export function formatCount(value: number, language: ReportLanguage): string {
  return countFormats[language].format(value);
}

/** A share 0…1 → "87.5%". */
export function formatPercent(share: number, language: ReportLanguage): string {
  return `${percentFormats[language].format(share * 100)}%`;
}

const DURATION_UNITS = {
  th: { day: 'วัน', hour: 'ชม.', minute: 'นาที' },
  en: { day: 'd', hour: 'h', minute: 'min' },
} as const;

/**
 * Minutes as people read a duration: "45 นาที", "2 ชม. 5 นาที", and from a
 * day on in days and hours (rounded to the hour) — "1 วัน 3 ชม.".
 */
export function formatMinutes(minutes: number, language: ReportLanguage): string {
  const units = DURATION_UNITS[language];
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const parts: string[] = [];
  if (total >= 24 * 60) {
    const hoursTotal = Math.round(total / 60);
    const days = Math.floor(hoursTotal / 24);
    const hours = hoursTotal % 24;
    parts.push(`${formatCount(days, language)} ${units.day}`);
    if (hours > 0) parts.push(`${hours} ${units.hour}`);
  } else {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    if (hours > 0) parts.push(`${hours} ${units.hour}`);
    if (rest > 0 || hours === 0) parts.push(`${rest} ${units.minute}`);
  }
  return sign + parts.join(' ');
}

/** The text of a non-numeric cell, or null when the cell is a number or empty. */
export function cellString(cell: ReportCell | undefined, language: ReportLanguage): string | null {
  if (typeof cell === 'string') return cell;
  if (cell !== null && cell !== undefined && typeof cell === 'object') return cell[language];
  return null;
}

/** A cell as text for people, the way its column reads. */
export function formatCell(cell: ReportCell | undefined, kind: ColumnKind, language: ReportLanguage): string {
  if (cell === null || cell === undefined) return NO_VALUE;
  if (typeof cell !== 'number') return cellString(cell, language) ?? NO_VALUE;
  if (!Number.isFinite(cell)) return NO_VALUE;
  switch (kind) {
    case 'percent':
      return formatPercent(cell, language);
    case 'minutes':
      return formatMinutes(cell, language);
    case 'count':
    case 'text':
      return formatCount(cell, language);
  }
}

/** A column's heading; a column of minutes says so, since the files hold the bare number. */
export function columnLabel(column: ReportColumn, language: ReportLanguage, unit: 'spreadsheet' | 'text'): string {
  const label = column.label[language];
  if (unit === 'spreadsheet' && column.kind === 'minutes') return `${label} (${LABELS.minutesUnit[language]})`;
  return label;
}

/** "1 ตุลาคม 2569 – 31 ตุลาคม 2569" (the period's days are Bangkok days already). */
export function formatPeriod(period: ReportDocument['period'], language: ReportLanguage): string {
  const day = (isoDay: string) => formatBuddhistDate(`${isoDay}T12:00:00+07:00`, language, 'longDate');
  return `${day(period.from)} – ${day(period.to)}`;
}

export function formatGeneratedAt(generatedAt: string, language: ReportLanguage): string {
  return formatBuddhistDate(generatedAt, language, 'dateTime');
}

export type HeadingLine = { label: string; value: string };

/** The block above every report: period, scope, the filters one a line, when it was made. */
export function headingLines(doc: ReportDocument, language: ReportLanguage): HeadingLine[] {
  const filters = doc.filters.length > 0 ? doc.filters.map((filter) => filter[language]) : [LABELS.noFilters[language]];
  return [
    { label: LABELS.period[language], value: formatPeriod(doc.period, language) },
    { label: LABELS.scope[language], value: doc.scope[language] },
    ...filters.map((value, index) => ({ label: index === 0 ? LABELS.filters[language] : '', value })),
    { label: LABELS.generated[language], value: formatGeneratedAt(doc.generatedAt, language) },
  ];
}

/** "2026-10-01" → "2569-10-01". */
export function buddhistIsoDay(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return 'undated';
  return `${Number(match[1]) + BUDDHIST_ERA_OFFSET}-${match[2]}-${match[3]}`;
}

/** ASCII only, so every mail client and browser keeps it: "oscc-monthly-2569-10-01_2569-10-31.xlsx". */
export function reportFileName(doc: ReportDocument, extension: string): string {
  const name = `oscc-${doc.kind}-${buddhistIsoDay(doc.period.from)}_${buddhistIsoDay(doc.period.to)}.${extension}`;
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
