import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest spreadsheet an import accepts. */
export const SPREADSHEET_BODY_LIMIT = 20 * 1024 * 1024;

/**
 * Lets the routes of one plugin take a spreadsheet (.xlsx or .csv) as the
 * request body itself — no multipart, so a script can `curl --data-binary`.
 */
export function acceptSpreadsheetUploads(app: FastifyInstance): void {
  app.addContentTypeParser(
    [XLSX, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: SPREADSHEET_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
}

/** The uploaded file, named so the importer knows CSV from .xlsx; an empty body is the caller's mistake. */
export function uploadedSpreadsheet(request: FastifyRequest, filename: string): { name: string; content: Buffer } {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body', code: 'file_required', message: 'ส่งไฟล์ .xlsx หรือ .csv / Send an .xlsx or .csv file' }],
    });
  }
  const name = request.headers['content-type']?.startsWith('text/csv')
    ? filename.replace(/\.xlsx$/i, '.csv')
    : filename;
  return { name, content: request.body };
}
