import type { Province, RoleInfo } from '@oscc/contract';
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
