import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommunityFeedSort, CommunityItemDetail, CommunityMyVote } from '../../../../../shared/schemas/community-feed.js';
import type { RelayItemKind } from '../../../../../shared/schemas/relay-community.js';
import { api } from '../../../../api/client.js';

/** Community tab queries: everything goes through the host, which holds the relay sign-in. */
export const communityFeedKeys = {
  all: ['community-feed'] as const,
  feed: (sort: CommunityFeedSort, kind: RelayItemKind | null, q: string | null) => ['community-feed', 'list', sort, kind, q] as const,
  item: (id: string) => ['community-feed', 'item', id] as const,
};

export function useCommunityFeed(sort: CommunityFeedSort, kind: RelayItemKind | null, q: string | null) {
  return useInfiniteQuery({
    queryKey: communityFeedKeys.feed(sort, kind, q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.call('community.feed', { query: { sort, kind: kind ?? undefined, q: q ?? undefined, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // A relay that is down answers quickly with a reason; retrying it three times only delays the message.
    retry: false,
  });
}

export function useCommunityItem(id: string) {
  return useQuery({ queryKey: communityFeedKeys.item(id), queryFn: ({ signal }) => api.call('community.item', { params: { id }, signal }), retry: false });
}

/** Up, down or take back: the answer's counts and your vote go straight into the item's cache. */
export function useCommunityVote(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (value: CommunityMyVote) => (value === 0 ? api.call('community.unvote', { params: { id } }) : api.call('community.vote', { params: { id }, body: { value } })),
    onSuccess: (r) => {
      qc.setQueryData<CommunityItemDetail>(communityFeedKeys.item(id), (d) => (d ? { ...d, myVote: r.myVote, item: { ...d.item, upvotes: r.upvotes, downvotes: r.downvotes, score: r.score } } : d));
      void qc.invalidateQueries({ queryKey: [...communityFeedKeys.all, 'list'] });
    },
  });
}

export function useCommunityComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.call('community.comment', { params: { id }, body: { body } }),
    onSuccess: (c) => {
      qc.setQueryData<CommunityItemDetail>(communityFeedKeys.item(id), (d) => (d ? { ...d, comments: [...d.comments, c], item: { ...d.item, commentCount: d.item.commentCount + 1 } } : d));
      void qc.invalidateQueries({ queryKey: [...communityFeedKeys.all, 'list'] });
    },
  });
}

export function useOpenCommunityShader(id: string) {
  return useMutation({ mutationFn: () => api.call('community.open', { params: { id } }) });
}
