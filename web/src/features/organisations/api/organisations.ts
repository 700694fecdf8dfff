import type { Agency, UnitPage } from '@oscc/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export const UNIT_PAGE_SIZE = 25;

export interface UnitFilters {
  q: string;
  agencyId: string | null;
  provinceCode: string | null;
  offset: number;
}

export function useAgencies() {
  return useQuery({
    queryKey: ['organisations', 'agencies'],
    queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/api/agencies', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useUnits(filters: UnitFilters) {
  return useQuery({
    queryKey: ['organisations', 'units', filters],
    queryFn: ({ signal }) =>
      apiRequest<UnitPage>(
        `/api/units${toQueryString({
          q: filters.q.trim(),
          agencyId: filters.agencyId,
          provinceCode: filters.provinceCode,
          limit: UNIT_PAGE_SIZE,
          offset: filters.offset,
        })}`,
        { signal },
      ),
    // The previous page stays visible while the next loads, so paging does not jump.
    placeholderData: keepPreviousData,
  });
}
