import type { SessionResponse, SignInRequest, SignInResponse } from '@oscc/contract';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
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

/** Nothing cached under a previous person may leak into this session. */
function forgetEverythingBut(queryClient: QueryClient, session: SessionResponse | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
  queryClient.setQueryData(SESSION_QUERY_KEY, session);
}

function storeIfSignedIn(queryClient: QueryClient, answer: SignInResponse): void {
  if (answer.status !== 'signed_in') return;
  const { user, expiresAt, secondFactor } = answer;
  forgetEverythingBut(queryClient, { user, expiresAt, secondFactor });
}

/** The password step: either signs in or answers with a challenge for the second factor. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: SignInRequest) =>
      apiRequest<SignInResponse>('/api/auth/sign-in', { method: 'POST', body: credentials }),
    onSuccess: (answer) => storeIfSignedIn(queryClient, answer),
  });
}

/** The second step: the code from the authenticator app, or one recovery code. */
export function useSecondFactorSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { challenge: string; code: string }) =>
      apiRequest<SignInResponse>('/api/auth/sign-in/second-factor', { method: 'POST', body: input }),
    onSuccess: (answer) => storeIfSignedIn(queryClient, answer),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/sign-out', { method: 'POST', body: {} }),
    // Even if the server could not be told, this browser forgets the person's data.
    onSettled: () => forgetEverythingBut(queryClient, null),
  });
}
