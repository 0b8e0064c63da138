import { z } from 'zod';
import { RelayComment, RelayCommentBody, RelayItem, RelayItemKind, RelayVoteBody } from './relay-community.js';

/**
 * The Community tab (issue 14): the relay's trending/new feed, an item with its comments,
 * votes and comments, read and written through the host (the renderer never talks to the
 * relay, and the relay sign-in stays in the host). Media URLs are host API paths.
 */

export const CommunityFeedSort = z.enum(['trending', 'new']);
export type CommunityFeedSort = z.infer<typeof CommunityFeedSort>;

export const CommunityFeedQuery = z.object({
  sort: CommunityFeedSort.default('trending'),
  kind: RelayItemKind.optional(),
  /** Words in the title. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Opaque: the previous page's nextCursor. */
  cursor: z.string().regex(/^\d{1,5}$/, 'a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(24),
});
export type CommunityFeedQuery = z.infer<typeof CommunityFeedQuery>;

/** A relay item as the renderer sees it: thumbnail/preview are host API paths (fetched with the host token). */
export const CommunityItem = RelayItem.extend({
  thumbnailUrl: z.string().nullable().describe('Host API path (under /api/v1) of the thumbnail, streamed from the relay'),
  previewUrl: z.string().nullable().describe('Host API path (under /api/v1) of the preview, streamed from the relay'),
});
export type CommunityItem = z.infer<typeof CommunityItem>;

export const CommunityFeedPage = z.object({
  relayUrl: z.string(),
  sort: CommunityFeedSort,
  signedIn: z.boolean(),
  items: z.array(CommunityItem),
  nextCursor: z.string().nullable(),
});
export type CommunityFeedPage = z.infer<typeof CommunityFeedPage>;

export const CommunityMyVote = z.union([z.literal(1), z.literal(-1), z.literal(0)]);
export type CommunityMyVote = z.infer<typeof CommunityMyVote>;

export const CommunityComment = RelayComment;
export type CommunityComment = z.infer<typeof CommunityComment>;

/** One item with its payload (GLSL / recipe / manifest) and its comment thread. */
export const CommunityItemDetail = z.object({
  relayUrl: z.string(),
  signedIn: z.boolean(),
  item: CommunityItem,
  payload: z.string(),
  /** Your vote when signed in; null when signed out (the relay does not know who you are). */
  myVote: CommunityMyVote.nullable(),
  comments: z.array(CommunityComment),
});
export type CommunityItemDetail = z.infer<typeof CommunityItemDetail>;

export const CommunityItemParams = z.object({ id: z.guid('a community item id (UUID)') });

export const CommunityVoteBody = RelayVoteBody.strict();
export const CommunityVoteResult = z.object({
  itemId: z.string(),
  upvotes: z.number().int(),
  downvotes: z.number().int(),
  score: z.number(),
  myVote: CommunityMyVote,
});
export type CommunityVoteResult = z.infer<typeof CommunityVoteResult>;

export const CommunityCommentBody = RelayCommentBody.strict();
export type CommunityCommentBody = z.infer<typeof CommunityCommentBody>;

/** Where a local draft opened from the community came from (kept in the shader's provenance). */
export const CommunityOrigin = z.object({ relayUrl: z.string(), itemId: z.string(), author: z.string() });
export type CommunityOrigin = z.infer<typeof CommunityOrigin>;

export const CommunityOpenResult = z.object({
  shaderId: z.string(),
  /** false when an earlier "Open in editor" of the same item made the draft and it was reused. */
  created: z.boolean(),
  origin: CommunityOrigin,
});
export type CommunityOpenResult = z.infer<typeof CommunityOpenResult>;
