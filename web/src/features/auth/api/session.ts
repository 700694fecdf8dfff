import type { SessionResponse, SignInRequest } from '@oscc/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isApiError } from '../../../lib/api.ts';
import { SESSION_QUERY_KEY } from '../../../lib/query-client.ts';

/** The signed-in session, or null when nobody is signed in (the API answers 401). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await apiRequest<SessionResponse>('/api/auth/session', { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: SignInRequest) =>
      apiRequest<SessionResponse>('/api/auth/sign-in', { method: 'POST', body: credentials }),
    onSuccess: (session) => {
      // Nothing cached under a previous person may leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/sign-out', { method: 'POST', body: {} }),
    onSettled: () => {
      // Even if the server could not be told, this browser forgets the person's data.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
    },
  });
}
