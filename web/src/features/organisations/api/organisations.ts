import type {
  Agency,
  CreateAgencyRequest,
  CreateUnitRequest,
  MoveAgencyRequest,
  MoveUnitRequest,
  SetActiveRequest,
  UnitDetail,
  UnitPage,
  UpdateAgencyRequest,
  UpdateUnitRequest,
} from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';
import { unitListParameters, type UnitFilters } from '../utils/unit-filters.ts';

export const UNIT_PAGE_SIZE = 25;

const AGENCIES_KEY = ['organisations', 'agencies'] as const;
const UNITS_KEY = ['organisations', 'units'] as const;
const unitKey = (id: string) => ['organisations', 'unit', id] as const;

/** Every agency in tree order (a few hundred at most), shared by the filters, the forms and the agencies page. */
export function useAgencies() {
  return useQuery({
    queryKey: AGENCIES_KEY,
    queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/api/agencies', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** Shared with the hotline console: one cache for the reference list. */
export { useProblemTypes } from '../../../lib/reference-data.ts';

/** One page of the units directory: searched, filtered and paged on the server (there are over 20,000 units). */
export function useUnits(filters: UnitFilters) {
  return useQuery({
    queryKey: [...UNITS_KEY, filters],
    queryFn: ({ signal }) =>
      apiRequest<UnitPage>(`/api/units${toQueryString(unitListParameters(filters, UNIT_PAGE_SIZE))}`, { signal }),
    // The previous page stays visible while the next loads, so paging does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string) {
  return useQuery({
    queryKey: unitKey(id),
    queryFn: ({ signal }) => apiRequest<UnitDetail>(`/api/units/${encodeURIComponent(id)}`, { signal }),
  });
}

/** After a unit changed: its page shows the answer, lists and agency counts are read again. */
function unitChanged(queryClient: QueryClient, unit: UnitDetail) {
  queryClient.setQueryData(unitKey(unit.id), unit);
  void queryClient.invalidateQueries({ queryKey: UNITS_KEY });
  void queryClient.invalidateQueries({ queryKey: AGENCIES_KEY });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitRequest) => apiRequest<UnitDetail>('/api/units', { method: 'POST', body: input }),
    onSuccess: (unit) => unitChanged(queryClient, unit),
  });
}

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUnitRequest) =>
      apiRequest<UnitDetail>(`/api/units/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: (unit) => unitChanged(queryClient, unit),
  });
}

export function useMoveUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MoveUnitRequest) =>
      apiRequest<UnitDetail>(`/api/units/${encodeURIComponent(id)}/move`, { method: 'POST', body: input }),
    onSuccess: (unit) => unitChanged(queryClient, unit),
  });
}

export function useSetUnitActive(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetActiveRequest) =>
      apiRequest<UnitDetail>(`/api/units/${encodeURIComponent(id)}/active`, { method: 'POST', body: input }),
    onSuccess: (unit) => unitChanged(queryClient, unit),
  });
}

/** The agency changes: each answers with the agency, and the whole tree is read again (depths and counts move). */
type AgencyChange =
  | { kind: 'create'; input: CreateAgencyRequest }
  | { kind: 'update'; id: string; input: UpdateAgencyRequest }
  | { kind: 'move'; id: string; input: MoveAgencyRequest }
  | { kind: 'active'; id: string; input: SetActiveRequest };

function sendAgencyChange(change: AgencyChange): Promise<Agency> {
  switch (change.kind) {
    case 'create':
      return apiRequest<Agency>('/api/agencies', { method: 'POST', body: change.input });
    case 'update':
      return apiRequest<Agency>(`/api/agencies/${encodeURIComponent(change.id)}`, {
        method: 'PATCH',
        body: change.input,
      });
    case 'move':
      return apiRequest<Agency>(`/api/agencies/${encodeURIComponent(change.id)}/move`, {
        method: 'POST',
        body: change.input,
      });
    case 'active':
      return apiRequest<Agency>(`/api/agencies/${encodeURIComponent(change.id)}/active`, {
        method: 'POST',
        body: change.input,
      });
  }
}

export function useChangeAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendAgencyChange,
    onSettled: () => queryClient.invalidateQueries({ queryKey: AGENCIES_KEY }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['organisations', 'unit'] }),
  });
}
