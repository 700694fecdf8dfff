import type { District, Subdistrict } from '@oscc/contract';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';

/*
 * The districts and subdistricts for the cascading place pickers. The query keys and answers are the geography
 * page's, so both share one cache; features do not import each other, hence this small copy.
 */

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

/** The districts of several provinces at once, by district code: names for a list of areas. */
export function useDistrictsByCode(provinceCodes: readonly string[]): Map<string, District> {
  const results = useQueries({
    queries: [...new Set(provinceCodes)].map((provinceCode) => ({
      queryKey: ['geography', 'districts', provinceCode],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<{ items: District[] }>(`/api/geography/provinces/${encodeURIComponent(provinceCode)}/districts`, {
          signal,
        }),
      staleTime: Infinity,
    })),
  });
  const byCode = new Map<string, District>();
  for (const result of results) for (const district of result.data?.items ?? []) byCode.set(district.code, district);
  return byCode;
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
