import type {
  Breach,
  BreachPage,
  CloseSubjectRequest,
  NewBreach,
  NewSubjectRequest,
  RetentionOverview,
  RevealPage,
  SubjectRequest,
  SubjectRequestPage,
  UpdateBreach,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export const PRIVACY_PAGE_SIZE = 25;
const PRIVACY_KEY = ['privacy'] as const;
const REQUESTS_KEY = [...PRIVACY_KEY, 'requests'] as const;
const BREACHES_KEY = [...PRIVACY_KEY, 'breaches'] as const;
const RETENTION_KEY = [...PRIVACY_KEY, 'retention'] as const;

/** The register's filters: everything, the open ones, the open ones past their 30 days, the answered ones. */
export const REQUEST_FILTERS = ['all', 'open', 'overdue', 'completed', 'refused'] as const;
export type RequestFilter = (typeof REQUEST_FILTERS)[number];

export const BREACH_FILTERS = ['all', 'open', 'overdue', 'closed'] as const;
export type BreachFilter = (typeof BREACH_FILTERS)[number];

export function useSubjectRequests(filter: RequestFilter, offset: number) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, filter, offset],
    queryFn: ({ signal }) =>
      apiRequest<SubjectRequestPage>(
        `/api/privacy/requests${toQueryString({
          status: filter === 'all' ? null : filter,
          limit: PRIVACY_PAGE_SIZE,
          offset,
        })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAddSubjectRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NewSubjectRequest) =>
      apiRequest<SubjectRequest>('/api/privacy/requests', { method: 'POST', body: request }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
  });
}

export function useCloseSubjectRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...request }: CloseSubjectRequest & { id: string }) =>
      apiRequest<SubjectRequest>(`/api/privacy/requests/${encodeURIComponent(id)}/close`, {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
  });
}

export function useBreaches(filter: BreachFilter, offset: number) {
  return useQuery({
    queryKey: [...BREACHES_KEY, filter, offset],
    queryFn: ({ signal }) =>
      apiRequest<BreachPage>(
        `/api/privacy/breaches${toQueryString({
          status: filter === 'all' ? null : filter,
          limit: PRIVACY_PAGE_SIZE,
          offset,
        })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAddBreach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (breach: NewBreach) => apiRequest<Breach>('/api/privacy/breaches', { method: 'POST', body: breach }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: BREACHES_KEY }),
  });
}

export function useUpdateBreach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: UpdateBreach & { id: string }) =>
      apiRequest<Breach>(`/api/privacy/breaches/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: BREACHES_KEY }),
  });
}

export function useRetention() {
  return useQuery({
    queryKey: RETENTION_KEY,
    queryFn: ({ signal }) => apiRequest<RetentionOverview>('/api/privacy/retention', { signal }),
  });
}

export function useSetRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ problemType, retainYears }: { problemType: string; retainYears: number }) =>
      apiRequest<RetentionOverview>(`/api/privacy/retention/${encodeURIComponent(problemType)}`, {
        method: 'PUT',
        body: { retainYears },
      }),
    onSuccess: (overview) => queryClient.setQueryData(RETENTION_KEY, overview),
  });
}

export function useReveals(offset: number) {
  return useQuery({
    queryKey: [...PRIVACY_KEY, 'reveals', offset],
    queryFn: ({ signal }) =>
      apiRequest<RevealPage>(`/api/privacy/reveals${toQueryString({ limit: PRIVACY_PAGE_SIZE, offset })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
