import type { PublicReportReceipt, PublicReportRequest, PublicStatus, PublicStatusRequest } from '@oscc/contract';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';
import { toReportSubmission } from '../utils/report-photos.ts';

export interface PublicReportSubmission {
  request: PublicReportRequest;
  /** Photos already checked in the browser (type by content, size, count); the server checks them again. */
  photos: readonly File[];
  /** The same for a retry of the same report, so a lost answer never makes a second case. */
  idempotencyKey: string;
}

/**
 * Sends a report from the public website (no sign-in); the answer carries the tracking code and PIN, once.
 * Without photos the report is JSON; with photos, multipart/form-data: the same JSON in `report`, the files in
 * `photos`.
 */
export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: ({ request, photos, idempotencyKey }: PublicReportSubmission) =>
      apiRequest<PublicReportReceipt>('/api/public/reports', {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey },
        ...toReportSubmission(request, photos),
      }),
  });
}

/** Asks where a report stands. A POST, so neither the code nor the PIN ends up in an address or a log. */
export function usePublicStatus() {
  return useMutation({
    mutationFn: (request: PublicStatusRequest) =>
      apiRequest<PublicStatus>('/api/public/reports/status', { method: 'POST', body: request }),
  });
}
