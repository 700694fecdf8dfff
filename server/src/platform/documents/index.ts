import type { ExportFormat, ReportDocument, ReportLanguage } from '@oscc/contract';
import { reportFileName } from './cells.ts';
import { renderCsv } from './csv.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

/**
 * One report document rendered as a file: .xlsx, CSV or PDF, in Thai or
 * English. All three are drawn from the same ReportDocument (and their words
 * from cells.ts), so they show the same figures as the screen.
 */

export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const satisfies Record<ExportFormat, string>;

export async function renderReport(
  doc: ReportDocument,
  format: ExportFormat,
  language: ReportLanguage,
): Promise<RenderedFile> {
  const fileName = reportFileName(doc, format);
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case 'xlsx':
      return { bytes: await renderXlsx(doc, language), contentType, fileName };
    case 'csv':
      return { bytes: renderCsv(doc, language), contentType, fileName };
    case 'pdf':
      return { bytes: await renderPdf(doc, language), contentType, fileName };
  }
}

export { formatCell, formatMinutes, formatPercent, formatCount, reportFileName } from './cells.ts';
