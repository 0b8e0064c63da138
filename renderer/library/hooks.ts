import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { queryKeys } from '../api/keys.js';

export function useMedia(limit = 100) {
  return useQuery({
    queryKey: queryKeys.media.list(limit),
    queryFn: ({ signal }) => api.call('media.list', { query: { limit }, signal }),
  });
}
