import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BountyPostBody } from '../../../../../shared/schemas/community-bounties.js';
import { api } from '../../../../api/client.js';

export type BountyStatus = 'open' | 'fulfilled';

/** Bounty board queries: the host holds the relay sign-in and answers with the relay's states. */
export const bountyKeys = {
  all: ['community-bounties'] as const,
  board: (status: BountyStatus) => ['community-bounties', 'board', status] as const,
  posts: ['community-bounties', 'posts'] as const,
};

export function useBountyBoard(status: BountyStatus) {
  return useQuery({
    queryKey: bountyKeys.board(status),
    queryFn: ({ signal }) => api.call('community.bounties', { query: { status }, signal }),
    // A relay that is down answers quickly with a reason; retries would only delay it.
    retry: false,
    // A tip turns from pending to held when Stripe reaches the relay: look again now and then.
    refetchInterval: 20_000,
  });
}

/** This studio's posted desires (with the tip status the relay reports); quiet when no relay is set. */
export function useBountyPosts() {
  return useQuery({ queryKey: bountyKeys.posts, queryFn: ({ signal }) => api.call('community.bountyPosts', { signal }), retry: false, refetchInterval: 20_000 });
}

function useBountyMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => void qc.invalidateQueries({ queryKey: bountyKeys.all }) });
}

export function usePostBounty() {
  return useBountyMutation((body: BountyPostBody) => api.call('community.bountyPost', { body }));
}

/** publishFirst: an unpublished shader goes through the community.publish job first (the host waits for it). */
export function useFulfilBounty(id: string) {
  return useBountyMutation((shaderId: string) => api.call('community.bountyFulfil', { params: { id }, body: { shaderId, publishFirst: true } }));
}

export function usePosterVerdict(id: string) {
  return useBountyMutation((verdict: 'accept' | 'reject') => (verdict === 'accept' ? api.call('community.bountyAccept', { params: { id } }) : api.call('community.bountyReject', { params: { id } })));
}

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
