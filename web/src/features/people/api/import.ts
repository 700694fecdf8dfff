import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';
import { importContentType, importFileName } from '../../../lib/import-file.ts';

/** A problem in Thai and English; `column` is the workbook's own (Thai) heading the value was under. */
export interface ImportProblem {
  code: string;
  th: string;
  en: string;
  column?: string;
}

export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRow {
  sheet: string;
  rowNumber: number;
  email: string | null;
  nameTh: string;
  action: ImportRowAction;
  unit: { name: string; action: 'existing' | 'create' } | null;
  /** The stored columns an update would change (first_name_th, mobile, unit_id, …). */
  changes: string[];
  problems: (ImportProblem & { column: string })[];
}

export interface ImportSheet {
  name: string;
  form: string;
  placeName: string | null;
  rows: number;
  problems: ImportProblem[];
}

/** The server's UserImportReport (POST /api/users/import): what would be done, or what was done, row by row. */
export interface UserImportReport {
  applied: boolean;
  sheets: ImportSheet[];
  rows: ImportRow[];
  summary: { create: number; update: number; unchanged: number; error: number; unitsToCreate: number };
}

/**
 * Sends the workbook as the request body: a dry run (nothing changes) unless `apply`. Applying imports the valid
 * rows and reports the others; new people get an invitation e-mail.
 */
export function useImportUsers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, apply }: { file: File; apply: boolean }) =>
      apiRequest<UserImportReport>(
        `/api/users/import${toQueryString({ apply: apply ? 'true' : 'false', filename: importFileName(file.name) })}`,
        { method: 'POST', file: { content: file, contentType: importContentType(file.name) } },
      ),
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}
