import type {
  Agency,
  CreateUserRequest,
  Unit,
  UnitPage,
  UpdateUserRequest,
  UpdateUserRolesRequest,
  UserDetail,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export const USER_PAGE_SIZE = 25;

export interface UserFilters {
  q: string;
  unitId: string | null;
  provinceCode: string | null;
  offset: number;
}

interface UserPage {
  items: UserDetail[];
  total: number;
  limit: number;
  offset: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['people', 'users', filters],
    queryFn: ({ signal }) =>
      apiRequest<UserPage>(
        `/api/users${toQueryString({
          q: filters.q.trim(),
          unitId: filters.unitId,
          provinceCode: filters.provinceCode,
          limit: USER_PAGE_SIZE,
          offset: filters.offset,
        })}`,
        { signal },
      ),
    // The previous page stays visible while the next loads, so paging does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: ['people', 'user', id],
    queryFn: ({ signal }) => apiRequest<UserDetail>(`/api/users/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserRequest) => apiRequest<UserDetail>('/api/users', { method: 'POST', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(['people', 'user', user.id], user);
      void queryClient.invalidateQueries({ queryKey: ['people', 'users'] });
    },
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserRequest) =>
      apiRequest<UserDetail>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(['people', 'user', id], user);
      void queryClient.invalidateQueries({ queryKey: ['people', 'users'] });
    },
  });
}

/** Replaces the person's roles (PUT /api/users/:id/roles), sending the version read; 409 when it is stale. */
export function useUpdateUserRoles(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserRolesRequest) =>
      apiRequest<UserDetail>(`/api/users/${encodeURIComponent(id)}/roles`, { method: 'PUT', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(['people', 'user', id], user);
      void queryClient.invalidateQueries({ queryKey: ['people', 'users'] });
    },
  });
}

export function useResendInvitation(id: string) {
  return useMutation({
    mutationFn: () => apiRequest<void>(`/api/users/${encodeURIComponent(id)}/invitation`, { method: 'POST', body: {} }),
  });
}

/** Units matching what was typed, for the unit picker (the first few; the person narrows by typing). */
export function useUnitOptions(q: string) {
  return useQuery({
    queryKey: ['people', 'unit-options', q],
    queryFn: ({ signal }) => apiRequest<UnitPage>(`/api/units${toQueryString({ q, limit: 20 })}`, { signal }),
    select: (data): Unit[] => data.items,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** People matching what was typed, for the supervisor picker: searched on the server within the reader's scope. */
export function useSupervisorOptions(q: string) {
  return useQuery({
    queryKey: ['people', 'supervisor-options', q],
    queryFn: ({ signal }) => apiRequest<UserPage>(`/api/users${toQueryString({ q, limit: 20 })}`, { signal }),
    select: (data): UserDetail[] => data.items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Ministries: the top of the agency hierarchy, which ministry-level roles are bound to. */
export function useMinistries() {
  return useQuery({
    queryKey: ['organisations', 'agencies'],
    queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/api/agencies', { signal }),
    select: (data) => data.items.filter((agency) => agency.parentId === null),
    staleTime: 5 * 60_000,
  });
}
