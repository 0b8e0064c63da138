import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError, isUnauthorized } from './errors.js';

/** A 401 anywhere means the token is wrong: flip the whole app to the auth-required page. */
export function createQueryClient(onUnauthorized: () => void): QueryClient {
  const onError = (err: unknown): void => {
    if (isUnauthorized(err)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Client errors (4xx) will not fix themselves; network blips and 5xx get two more tries.
        retry: (count, err) => {
          if (err instanceof ApiRequestError && err.status >= 400 && err.status < 500) return false;
          return count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
