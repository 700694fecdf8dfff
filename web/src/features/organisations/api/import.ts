import type { UnitImportReport } from '@oscc/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';
import { importContentType, importFileName } from '../../../lib/import-file.ts';

/**
 * Sends the file as the request body: a dry run (nothing changes) unless `apply`. Applying imports the valid
 * rows and reports the others.
 */
export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, apply }: { file: File; apply: boolean }) =>
      apiRequest<UnitImportReport>(
        `/api/units/import${toQueryString({ apply: apply ? 'true' : null, filename: importFileName(file.name) })}`,
        { method: 'POST', file: { content: file, contentType: importContentType(file.name) } },
      ),
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
}
