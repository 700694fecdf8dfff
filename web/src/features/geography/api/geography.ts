import type { PlaceMatch } from '@oscc/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export { useDistricts, useProvinces, useSubdistricts } from '../../../lib/reference-data.ts';

export const PLACE_SEARCH_LIMIT = 20;

export function usePlaceSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ['geography', 'search', q],
    queryFn: ({ signal }) =>
      apiRequest<{ items: PlaceMatch[] }>(`/api/geography/search${toQueryString({ q, limit: PLACE_SEARCH_LIMIT })}`, {
        signal,
      }),
    select: (data) => data.items,
    enabled: q.length > 0,
    // Keeps the last results on screen while the next search runs, so the list does not flicker per keystroke.
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
