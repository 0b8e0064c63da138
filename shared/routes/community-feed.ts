import { z } from 'zod';
import {
  CommunityComment,
  CommunityCommentBody,
  CommunityFeedPage,
  CommunityFeedQuery,
  CommunityItemDetail,
  CommunityItemParams,
  CommunityOpenResult,
  CommunityVoteBody,
  CommunityVoteResult,
} from '../schemas/community-feed.js';
import type { RouteSpec } from './route-spec.js';

const C = { auth: 'token', tag: 'community' } as const;

/**
 * The Community tab: the relay's feed, items, votes and comments through the host. Reads work
 * signed out (anonymously); votes and comments need the relay sign-in (409 community_signed_out).
 * No relay set → 409 community_not_configured; relay down → 502 relay_unreachable.
 */
export const COMMUNITY_FEED_ROUTES = {
  'community.feed': {
    ...C, method: 'get', path: '/community/feed', query: CommunityFeedQuery, response: CommunityFeedPage,
    summary: "The relay's trending or new feed (kind, title search, cursor paging)",
  },
  'community.item': {
    ...C, method: 'get', path: '/community/items/:id', params: CommunityItemParams, response: CommunityItemDetail,
    summary: 'One community item with its payload, comment thread and (signed in) your vote',
  },
  'community.vote': {
    ...C, method: 'post', path: '/community/items/:id/vote', params: CommunityItemParams, body: CommunityVoteBody, response: CommunityVoteResult,
    summary: 'Upvote (1) or downvote (-1) a community item as the signed-in relay user',
  },
  'community.unvote': {
    ...C, method: 'delete', path: '/community/items/:id/vote', params: CommunityItemParams, response: CommunityVoteResult,
    summary: 'Take back your vote on a community item',
  },
  'community.comment': {
    ...C, method: 'post', path: '/community/items/:id/comments', params: CommunityItemParams, body: CommunityCommentBody, response: CommunityComment, status: 201,
    summary: 'Comment on a community item (plain text, shown escaped) as the signed-in relay user',
  },
  'community.thumbnail': {
    ...C, method: 'get', path: '/community/items/:id/thumbnail', params: CommunityItemParams, response: z.unknown(), produces: 'image/*',
    summary: "A community item's thumbnail, streamed from the relay (404 when it has none)",
  },
  'community.preview': {
    ...C, method: 'get', path: '/community/items/:id/preview', params: CommunityItemParams, response: z.unknown(), produces: 'video/*',
    summary: "A community item's preview clip or image, streamed from the relay (Range passed through; 404 when it has none)",
  },
  'community.open': {
    ...C, method: 'post', path: '/community/items/:id/open', params: CommunityItemParams, response: CommunityOpenResult, status: 201,
    summary: 'Open a community shader in the editor: its source becomes a local draft that records the relay, item and author (reuses the draft of an earlier open)',
  },
} as const satisfies Record<string, RouteSpec>;
