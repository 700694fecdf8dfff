import type { PublicReportReceipt, PublicReportRequest, PublicStatus, PublicStatusRequest } from '@oscc/contract';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';

/** Sends a report from the public website (no sign-in); the answer carries the tracking code and PIN, once. */
export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: (request: PublicReportRequest) =>
      apiRequest<PublicReportReceipt>('/api/public/reports', { method: 'POST', body: request }),
  });
}

/** Asks where a report stands. A POST, so neither the code nor the PIN ends up in an address or a log. */
export function usePublicStatus() {
  return useMutation({
    mutationFn: (request: PublicStatusRequest) =>
      apiRequest<PublicStatus>('/api/public/reports/status', { method: 'POST', body: request }),
  });
}
