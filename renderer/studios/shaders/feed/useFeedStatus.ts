import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.js';

/** The counts behind the feed, polled while an empty feed is on screen (renders land meanwhile). */
export function useFeedStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['shaders', 'feed-status'],
    queryFn: ({ signal }) => api.call('feed.status', { signal }),
    enabled,
    refetchInterval: enabled ? 5000 : false,
  });
}
