import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;

/**
 * One client for the app. A 401 from any query means the session ended
 * (expired or signed out elsewhere): clearing the cached session sends the
 * person back to the sign-in page instead of leaving a broken screen.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== SESSION_QUERY_KEY[0]) {
          client.setQueryData(SESSION_QUERY_KEY, null);
        }
        // The person's role now needs two-step verification: the fresh session sends them to set it up.
        if (isApiError(error) && error.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED') {
          void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change by asking again; network trouble might.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
  return client;
}
