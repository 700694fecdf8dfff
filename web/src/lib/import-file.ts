/**
 * The file of a spreadsheet import (units, the Front Line 1 workbook of people): an Excel workbook (.xlsx) or one
 * sheet saved as CSV, up to 20 MB — what the server's import routes read. Checked in the browser before sending, so
 * a wrong file is named at once instead of after a 20 MB upload.
 */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

/** For the file input's `accept`: the extensions and their content types. */
export const IMPORT_ACCEPT = ['.xlsx', '.csv', CONTENT_TYPES.xlsx, CONTENT_TYPES.csv].join(',');

export type ImportFileProblem =
  | { kind: 'missing' }
  | { kind: 'type'; name: string }
  | { kind: 'empty'; name: string }
  | { kind: 'tooLarge'; name: string; megabytes: string };

/** The file's kind by its extension (browsers give .csv many content types, and .xlsx sometimes none). */
export function importFileKind(name: string): keyof typeof CONTENT_TYPES | null {
  const extension = /\.(xlsx|csv)$/i.exec(name.trim())?.[1]?.toLowerCase();
  return extension === 'xlsx' || extension === 'csv' ? extension : null;
}

/** What is wrong with the chosen file before it is sent, or null: an .xlsx or .csv of 1 byte to 20 MB. */
export function importFileProblem(file: { name: string; size: number } | null): ImportFileProblem | null {
  if (!file) return { kind: 'missing' };
  if (!importFileKind(file.name)) return { kind: 'type', name: file.name };
  if (file.size === 0) return { kind: 'empty', name: file.name };
  if (file.size > IMPORT_MAX_BYTES) {
    // Rounded up, so a file just over the limit never reads as "20.0 MB".
    const megabytes = (Math.ceil((file.size / (1024 * 1024)) * 10) / 10).toFixed(1);
    return { kind: 'tooLarge', name: file.name, megabytes };
  }
  return null;
}

/** The content type the server reads the file as. */
export function importContentType(name: string): string {
  return CONTENT_TYPES[importFileKind(name) ?? 'xlsx'];
}

/** The name recorded with the import (the server takes up to 200 characters): long names keep their extension. */
export function importFileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= 200) return trimmed;
  const extension = /\.[^.]{1,10}$/.exec(trimmed)?.[0] ?? '';
  return `${trimmed.slice(0, 200 - extension.length)}${extension}`;
}
