import type { Agency, NewProblemTypeRequest, ProblemType, ProblemTypeInput, RoutingPreview } from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';
import { PROBLEM_TYPES_QUERY_KEY } from '../../../lib/reference-data.ts';

/** The taxonomy itself is the shared reference list (units' forms and the hotline read the same cache). */
export { useProblemTypes } from '../../../lib/reference-data.ts';

type ProblemTypeChange =
  { kind: 'create'; input: NewProblemTypeRequest } | { kind: 'update'; code: string; input: ProblemTypeInput };

function sendProblemTypeChange(change: ProblemTypeChange): Promise<ProblemType> {
  if (change.kind === 'create')
    return apiRequest<ProblemType>('/api/problem-types', { method: 'POST', body: change.input });
  return apiRequest<ProblemType>(`/api/problem-types/${encodeURIComponent(change.code)}`, {
    method: 'PUT',
    body: change.input,
  });
}

/** Creates or changes a problem type; afterwards every screen's problem-type list (and routing previews) is read again. */
export function useChangeProblemType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendProblemTypeChange,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROBLEM_TYPES_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['routing', 'preview'] });
    },
  });
}

/** What the routing rules would decide for a problem and a place; asks only once the question is complete. */
export function useRoutingPreview(parameters: Record<string, string> | null) {
  return useQuery({
    queryKey: ['routing', 'preview', parameters],
    queryFn: ({ signal }) =>
      apiRequest<RoutingPreview>(`/api/routing/preview${toQueryString(parameters ?? {})}`, { signal }),
    enabled: parameters !== null,
    placeholderData: keepPreviousData,
    // Units' areas and hours change under the preview; a second look should ask again.
    staleTime: 0,
  });
}

/**
 * Every agency (a few hundred), for the lead-ministry choice. The same cache as the units and agencies pages
 * (same key, same answer), so a ministry renamed there shows here too.
 */
export function useAgencies() {
  return useQuery({
    queryKey: ['organisations', 'agencies'],
    queryFn: ({ signal }) => apiRequest<{ items: Agency[] }>('/api/agencies', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}
