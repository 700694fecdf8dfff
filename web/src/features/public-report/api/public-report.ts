import type {
  PlaceMatch,
  PublicReportReceipt,
  PublicReportRequest,
  PublicStatus,
  PublicStatusRequest,
} from '@oscc/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';
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

/** The most subdistricts one postcode is shown with (a few postcodes cover dozens). */
export const POSTCODE_MATCH_LIMIT = 50;

/** The subdistricts having a postcode, with their district and province (public, no sign-in); off until given. */
export function usePostcodePlaces(postcode: string | null) {
  return useQuery({
    queryKey: ['geography', 'postcode', postcode],
    queryFn: ({ signal }) =>
      apiRequest<{ items: PlaceMatch[] }>(
        `/api/geography/search${toQueryString({ q: postcode ?? '', limit: POSTCODE_MATCH_LIMIT })}`,
        { signal },
      ),
    select: (data) => data.items.filter((match) => match.level === 'subdistrict'),
    enabled: postcode !== null,
    staleTime: Infinity,
  });
}
