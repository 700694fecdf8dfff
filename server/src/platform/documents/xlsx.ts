import type { ReportDocument, ReportLanguage, ReportSection } from '@oscc/contract';
import ExcelJS from 'exceljs';
import { cellString, columnLabel, formatCell, headingLines, localize } from './cells.ts';

/**
 * A report as an .xlsx workbook: one worksheet per section, each with the
 * report's heading block and then the table — figures as real numbers with
 * number formats, so they can be summed and charted.
 *
 * Texts are written as plain string values: exceljs stores them as shared
 * strings, never as formulas, so a name like "=HYPERLINK(…)" stays text.
 */

const FONT_NAME = 'Sarabun';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };

export const NUMBER_FORMATS = { count: '#,##0', percent: '0.0%', minutes: '#,##0' } as const;

const SHEET_NAME_MAX = 31;

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, not blank, unique ignoring case. */
export function sheetNames(titles: string[]): string[] {
  const taken = new Set<string>();
  return titles.map((title, index) => {
    const cleaned =
      title
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || `Sheet ${index + 1}`;
    let name = truncate(cleaned, SHEET_NAME_MAX);
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      name = truncate(cleaned, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/**
 * Shortens a name to `length` UTF-16 units (what Excel counts): at a word
 * boundary when that keeps at least half of it, else between whole
 * characters — never between a Thai consonant and its vowel or tone mark.
 */
function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const fit = (segmenter: Intl.Segmenter) => {
    let result = '';
    for (const { segment } of segmenter.segment(text)) {
      if (result.length + segment.length > length) break;
      result += segment;
    }
    return result.trimEnd();
  };
  const byWords = fit(words);
  return byWords.length >= length / 2 ? byWords : fit(graphemes);
}

/** How wide a text looks in characters: Thai marks above and below the line take no room. */
export function displayLength(text: string): number {
  return text.replace(/\p{M}/gu, '').length;
}

export async function renderXlsx(doc: ReportDocument, language: ReportLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OSCC';
  workbook.title = localize(doc.title, language);
  const generatedAt = new Date(doc.generatedAt);
  if (!Number.isNaN(generatedAt.getTime())) {
    workbook.created = generatedAt;
    workbook.modified = generatedAt;
  }
  const names = sheetNames(doc.sections.map((section) => localize(section.title, language)));
  doc.sections.forEach((section, index) => {
    addSectionSheet(workbook, names[index] ?? `Sheet ${index + 1}`, doc, section, language);
  });
  if (doc.sections.length === 0) addHeading(workbook.addWorksheet('Report'), doc, language);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}

function font(bold = false, size = 11): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, bold };
}

/** Writes the heading block, returning the number of the last row it used. */
function addHeading(sheet: ExcelJS.Worksheet, doc: ReportDocument, language: ReportLanguage): number {
  const title = sheet.addRow([localize(doc.title, language)]);
  title.getCell(1).font = font(true, 14);
  for (const line of headingLines(doc, language)) {
    const row = sheet.addRow([line.label === '' ? null : line.label, line.value]);
    row.getCell(1).font = font(true);
    row.getCell(2).font = font();
  }
  return sheet.rowCount;
}

function addSectionSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  doc: ReportDocument,
  section: ReportSection,
  language: ReportLanguage,
): void {
  const sheet = workbook.addWorksheet(name);
  addHeading(sheet, doc, language);
  sheet.addRow([]);
  const sectionTitle = sheet.addRow([localize(section.title, language)]);
  sectionTitle.getCell(1).font = font(true, 12);
  if (section.note) sheet.addRow([localize(section.note, language)]).getCell(1).font = font(false, 10);

  const widths = section.columns.map(() => 8);
  const header = sheet.addRow(section.columns.map((column) => columnLabel(column, language, 'spreadsheet')));
  section.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = font(true);
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: column.kind === 'text' ? 'left' : 'right' };
    widths[index] = Math.max(widths[index] ?? 0, Math.min(displayLength(String(cell.value)), 30));
  });
  const headerRowNumber = header.number;

  for (const reportRow of section.rows) {
    const row = sheet.addRow([]);
    section.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = reportRow.cells[column.key];
      if (typeof value === 'number') {
        cell.value = value;
        cell.numFmt = column.kind === 'text' ? NUMBER_FORMATS.count : NUMBER_FORMATS[column.kind];
      } else {
        // A plain string value: exceljs writes it as a shared string, never as a formula.
        const text = cellString(value, language);
        if (text !== null) cell.value = text;
      }
      cell.font = font(reportRow.total === true);
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      if (reportRow.total) cell.fill = TOTAL_FILL;
      cell.alignment = { vertical: 'top', wrapText: column.kind === 'text' };
      const shown = formatCell(value, column.kind, language);
      widths[index] = Math.max(widths[index] ?? 0, displayLength(shown) + 2);
    });
  }

  section.columns.forEach((_, index) => {
    sheet.getColumn(index + 1).width = Math.min(widths[index] ?? 10, 60);
  });
  // The heading's labels sit in column A: keep it at least wide enough for them.
  const first = sheet.getColumn(1);
  first.width = Math.max(first.width ?? 10, 14);
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRowNumber, topLeftCell: `A${headerRowNumber + 1}` }];
  sheet.pageSetup = {
    orientation: section.columns.length > 6 ? 'landscape' : 'portrait',
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
  };
}
