import type { ReportDocument, ReportLanguage } from '@oscc/contract';
import { cellString, columnLabel, headingLines, localize } from './cells.ts';

/**
 * A report as CSV: UTF-8 with a byte-order mark (so Excel reads Thai), CRLF
 * line ends and RFC 4180 quoting. The heading lines come first, then each
 * section as a titled block, blocks separated by a blank line. Figures are
 * bare numbers: counts and minutes as they are, shares as percentages
 * (87.5 for 0.875, at most two decimals — the column heading says "(%)").
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A text a spreadsheet would take for a formula gets a leading apostrophe
 * (OWASP, "CSV Injection": cells starting with = + - @ tab or CR).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function textField(text: string): string {
  return quoteCsvField(neutraliseFormula(text));
}

/** A share as a percentage number: 0.875 → "87.5" (two decimals at most, no float noise). */
export function percentNumber(share: number): string {
  return String(Math.round(share * 10_000) / 100);
}

function numberField(value: number, kind: string): string {
  if (!Number.isFinite(value)) return '';
  return kind === 'percent' ? percentNumber(value) : String(value);
}

export function renderCsv(doc: ReportDocument, language: ReportLanguage): Buffer {
  const lines: string[][] = [[textField(localize(doc.title, language))]];
  for (const line of headingLines(doc, language)) lines.push([textField(line.label), textField(line.value)]);
  for (const section of doc.sections) {
    lines.push([]);
    lines.push([textField(localize(section.title, language))]);
    if (section.note) lines.push([textField(localize(section.note, language))]);
    lines.push(
      section.columns.map((column) =>
        textField(
          column.kind === 'percent' ? `${column.label[language]} (%)` : columnLabel(column, language, 'spreadsheet'),
        ),
      ),
    );
    for (const row of section.rows) {
      lines.push(
        section.columns.map((column) => {
          const cell = row.cells[column.key];
          if (typeof cell === 'number') return numberField(cell, column.kind);
          const text = cellString(cell, language);
          return text === null ? '' : textField(text);
        }),
      );
    }
  }
  return Buffer.from(BOM + lines.map((fields) => fields.join(',')).join(CRLF) + CRLF, 'utf8');
}
