import type { Province } from '@oscc/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api.ts';

/**
 * The provinces are shared reference data (geography browsing and unit
 * filters both need them) and change about once a decade, so they are fetched
 * once per visit.
 */
export function useProvinces() {
  return useQuery({
    queryKey: ['geography', 'provinces'],
    queryFn: ({ signal }) => apiRequest<{ items: Province[] }>('/api/geography/provinces', { signal }),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}
