import type { AuditPage } from '@oscc/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';
import { auditQueryString, type AuditFilters } from '../utils/audit-filters.ts';

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ signal }) => apiRequest<AuditPage>(`/api/audit-events${auditQueryString(filters)}`, { signal }),
    // The previous page stays visible while the next loads, so paging does not jump.
    placeholderData: keepPreviousData,
  });
}
