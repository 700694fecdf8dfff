import type { Subdistrict } from '@oscc/contract';
import { useQueries } from '@tanstack/react-query';
import { useLanguage } from '../../../i18n/index.ts';
import { apiRequest } from '../../../lib/api.ts';
import { useDistrictsByCode, useProvinces } from '../../../lib/reference-data.ts';
import { placeCodesToLoad, placeName, type PlaceLookup } from '../utils/case-view.ts';

/**
 * Names for the areas of a list of cases (the server sends codes): the provinces once, then the districts and
 * subdistricts of just the places listed, from the same cache as the place pickers.
 */
export function usePlaceNames(areaCodes: readonly string[]): (code: string) => string {
  const { language } = useLanguage();
  const needed = placeCodesToLoad(areaCodes);
  const provinces = useProvinces();
  const districts = useDistrictsByCode(needed.provinces);
  const subdistrictResults = useQueries({
    queries: needed.districts.map((districtCode) => ({
      queryKey: ['geography', 'subdistricts', districtCode],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<{ items: Subdistrict[] }>(
          `/api/geography/districts/${encodeURIComponent(districtCode)}/subdistricts`,
          {
            signal,
          },
        ),
      staleTime: Infinity,
    })),
  });
  const subdistricts = new Map<string, Subdistrict>();
  for (const result of subdistrictResults)
    for (const subdistrict of result.data?.items ?? []) subdistricts.set(subdistrict.code, subdistrict);
  const lookup: PlaceLookup = {
    provinces: new Map((provinces.data ?? []).map((province) => [province.code, province])),
    districts,
    subdistricts,
  };
  return (code: string) => placeName(code, lookup, language);
}
