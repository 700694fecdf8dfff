import ExcelJS from 'exceljs';

/**
 * Spreadsheets as grids of cells, whichever file they came from (.xlsx
 * through exceljs, or CSV), for the importers to read row by row.
 */

export type GridCell = { text: string; value: string | number | Date | null };
export type Grid = { name: string; rows: GridCell[][] };

export const EMPTY: GridCell = { text: '', value: null };

type ExcelValue = ExcelJS.CellValue | undefined;

export function cellOf(value: ExcelValue): GridCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return { text: value, value };
  if (typeof value === 'number') return { text: String(value), value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', value: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), value };
  if ('richText' in value) {
    const text = value.richText.map((run) => run.text).join('');
    return { text, value: text };
  }
  if ('formula' in value || 'sharedFormula' in value) return cellOf(value.result as ExcelValue);
  if ('hyperlink' in value) {
    // An e-mail typed into Excel becomes a mailto: link whose text may itself be rich text.
    const text: unknown = value.text;
    return typeof text === 'string' || (typeof text === 'object' && text !== null)
      ? cellOf(text as ExcelValue)
      : cellOf(value.hyperlink);
  }
  if ('error' in value) return { text: String(value.error), value: String(value.error) };
  return EMPTY;
}

export function gridOfWorksheet(worksheet: ExcelJS.Worksheet): Grid {
  const rows: GridCell[][] = [];
  const columnCount = worksheet.columnCount;
  for (let r = 1; r <= worksheet.rowCount; r += 1) {
    const row = worksheet.findRow(r);
    const cells: GridCell[] = [];
    if (row) {
      for (let c = 1; c <= columnCount; c += 1) cells.push(cellOf(row.getCell(c).value));
    }
    rows.push(cells);
  }
  return { name: worksheet.name, rows };
}

/** RFC 4180 CSV: quoted fields may hold the delimiter, quotes ("") and line breaks. */
export function readCsvRecords(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (inQuotes) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else inQuotes = false;
      } else field += char;
    } else if (char === '"' && field === '') inQuotes = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Every worksheet of an .xlsx workbook as a grid. */
export async function readWorkbookGrids(buffer: Buffer | ArrayBuffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its argument as its own `Buffer extends ArrayBuffer`; an ArrayBuffer is what it reads.
  const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map(gridOfWorksheet);
}

/** A CSV text (UTF-8, with or without a byte-order mark; comma, semicolon or tab separated) as one grid. */
export function readCsvGrid(text: string, name = 'CSV'): Grid {
  return {
    name,
    rows: readCsvRecords(text).map((record) =>
      record.map((field): GridCell => (field === '' ? EMPTY : { text: field, value: field })),
    ),
  };
}
