import type { CallerHistory, RecordContactRequest, RecordedContact, SocialWorkerOption } from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

const CALLERS_KEY = ['intake', 'callers'] as const;
const SOCIAL_WORKERS_KEY = ['intake', 'social-workers'] as const;

/** Earlier contacts and open cases of the number being typed; nothing is asked until there is a number. */
export function useCallerHistory(phone: string | null) {
  return useQuery({
    queryKey: [...CALLERS_KEY, phone],
    queryFn: ({ signal }) => apiRequest<CallerHistory>(`/api/intake/callers${toQueryString({ phone })}`, { signal }),
    enabled: phone !== null,
    // While the next digits are typed the last answer stays, so the list does not flicker.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The social workers a case at this place can be handed to, fewest open cases first; nothing is asked without a place. */
export function useSocialWorkers(areaCode: string | null) {
  return useQuery({
    queryKey: [...SOCIAL_WORKERS_KEY, areaCode],
    queryFn: ({ signal }) =>
      apiRequest<{ items: SocialWorkerOption[] }>(`/api/intake/social-workers${toQueryString({ areaCode })}`, {
        signal,
      }),
    select: (data) => data.items,
    enabled: areaCode !== null,
    // A district or subdistrict picked after the province keeps the list on screen while it is asked again.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useRecordContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordContactRequest) =>
      apiRequest<RecordedContact>('/api/intake/contacts', { method: 'POST', body: request }),
    // The next call from the same number must show this one; a hand-over changes a social worker's open cases.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: CALLERS_KEY }),
        queryClient.invalidateQueries({ queryKey: SOCIAL_WORKERS_KEY }),
      ]),
  });
}
