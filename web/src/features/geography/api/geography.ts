import type { District, PlaceMatch, Subdistrict } from '@oscc/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export { useProvinces } from '../../../lib/reference-data.ts';

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

export function useDistricts(provinceCode: string | null) {
  return useQuery({
    queryKey: ['geography', 'districts', provinceCode],
    queryFn: ({ signal }) =>
      apiRequest<{ items: District[] }>(
        `/api/geography/provinces/${encodeURIComponent(provinceCode ?? '')}/districts`,
        {
          signal,
        },
      ),
    select: (data) => data.items,
    enabled: provinceCode !== null,
    staleTime: Infinity,
  });
}

export function useSubdistricts(districtCode: string | null) {
  return useQuery({
    queryKey: ['geography', 'subdistricts', districtCode],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Subdistrict[] }>(
        `/api/geography/districts/${encodeURIComponent(districtCode ?? '')}/subdistricts`,
        { signal },
      ),
    select: (data) => data.items,
    enabled: districtCode !== null,
    staleTime: Infinity,
  });
}
