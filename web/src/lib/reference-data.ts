import type { District, ProblemType, Province, RoleInfo, Subdistrict } from '@oscc/contract';
import { useQueries, useQuery } from '@tanstack/react-query';
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

export const ROLES_QUERY_KEY = ['reference', 'roles'] as const;

/**
 * The roles with their scope level and permission rules (GET /api/roles, open to everyone signed in): the role
 * editor of a person takes each role's level from here, the roles page its matrix. Rules change rarely and only by
 * an administrator, whose save refreshes this.
 */
export function useRoles() {
  return useQuery({
    queryKey: ROLES_QUERY_KEY,
    queryFn: ({ signal }) => apiRequest<{ items: RoleInfo[] }>('/api/roles', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/*
 * Districts and subdistricts for cascading place pickers and area names (geography page, unit forms):
 * one cache, fetched once per visit.
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

/** The problem-type list's cache: the problem-types page refreshes it after a change. */
export const PROBLEM_TYPES_QUERY_KEY = ['reference', 'problem-types'] as const;

/** The problem types the 1300 centre takes, the urgent ones first (units' forms, the hotline console); reference data that rarely changes. */
export function useProblemTypes() {
  return useQuery({
    queryKey: PROBLEM_TYPES_QUERY_KEY,
    queryFn: ({ signal }) => apiRequest<{ items: ProblemType[] }>('/api/problem-types', { signal }),
    select: (data) => data.items,
    staleTime: 30 * 60_000,
  });
}
