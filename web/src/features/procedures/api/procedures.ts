import type { NewProcedureVersionRequest, ProcedureVersion } from '@oscc/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';

const PROCEDURES_KEY = ['procedures'] as const;

/** Every version of every procedure (drafts, the one in use, retired ones), with how many cases keep each. */
export function useProcedures() {
  return useQuery({
    queryKey: PROCEDURES_KEY,
    queryFn: ({ signal }) => apiRequest<{ items: ProcedureVersion[] }>('/api/procedures', { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

/** Saves a new version (a draft, or in use at once); the list is read again so the retired one shows too. */
export function useCreateProcedureVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: NewProcedureVersionRequest) =>
      apiRequest<ProcedureVersion>('/api/procedures', { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROCEDURES_KEY }),
  });
}

/** A draft becomes the version new cases start with; the one in use before retires. */
export function useActivateProcedureVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<ProcedureVersion>(`/api/procedures/${encodeURIComponent(id)}/activate`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROCEDURES_KEY }),
  });
}
