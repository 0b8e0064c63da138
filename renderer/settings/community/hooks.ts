import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../shared/routes.js';
import type { CommunityStatus } from '../../../shared/schemas/community.js';
import { api } from '../../api/client.js';

export const COMMUNITY_KEY = ['community'] as const;

export function useCommunity() {
  return useQuery({ queryKey: COMMUNITY_KEY, queryFn: ({ signal }) => api.call('community.status', { signal }) });
}

/** Every mutation answers the new status: put it in the cache instead of refetching. */
function useStatusMutation<V>(fn: (v: V) => Promise<CommunityStatus>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (status) => {
      qc.setQueryData(COMMUNITY_KEY, status);
      void qc.invalidateQueries({ queryKey: ['community-check'] });
    },
  });
}

export const useSetRelay = () => useStatusMutation((relayUrl: string | null) => api.call('community.settings', { body: { relayUrl } }));
export const useSignIn = () => useStatusMutation((body: RouteBody<'community.signIn'>) => api.call('community.signIn', { body }));
export const useRegister = () => useStatusMutation((body: RouteBody<'community.register'>) => api.call('community.register', { body }));
export const useSignOut = () => useStatusMutation(() => api.call('community.signOut'));

export function useRelayCheck(enabled: boolean) {
  return useQuery({ queryKey: ['community-check'], enabled, queryFn: ({ signal }) => api.call('community.check', { signal }), staleTime: 30_000 });
}
