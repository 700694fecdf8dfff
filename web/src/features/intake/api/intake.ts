import type { CallerHistory, RecordContactRequest, RecordedContact } from '@oscc/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

const CALLERS_KEY = ['intake', 'callers'] as const;

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

export function useRecordContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordContactRequest) =>
      apiRequest<RecordedContact>('/api/intake/contacts', { method: 'POST', body: request }),
    // The next call from the same number must show this one.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALLERS_KEY }),
  });
}
