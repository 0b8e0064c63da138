import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { queryKeys } from '../api/keys.js';

export function useSystem() {
  return useQuery({
    queryKey: queryKeys.system,
    queryFn: ({ signal }) => api.call('system.get', { signal }),
  });
}

/** Probes touch the disk and spawn binaries; run them on demand, not on every focus. */
export function useDoctor(fresh = false) {
  return useQuery({
    queryKey: [...queryKeys.doctor, fresh],
    queryFn: ({ signal }) => api.call('system.doctor', { signal, query: fresh ? { fresh: 'true' } : {} }),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
