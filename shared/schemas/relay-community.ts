import { z } from 'zod';

/** Published items, votes and comments on the relay's community feed. */

export const RelayItemKind = z.enum(['shader', 'video', 'prefab']);
export type RelayItemKind = z.infer<typeof RelayItemKind>;

/** Where a published thing came from (the desktop app's provenance record, kept as sent). */
export const RelayProvenance = z.object({
  app: z.string().max(60).default('auteur-studio'),
  appVersion: z.string().max(40).optional(),
  generator: z.enum(['human', 'ai', 'mixed']).default('human'),
  provider: z.string().max(60).optional(),
  model: z.string().max(120).optional(),
  sourceId: z.string().max(120).optional(),
  forkedFrom: z.string().max(120).optional(),
});
export type RelayProvenance = z.infer<typeof RelayProvenance>;

export const RelayPublishBody = z.object({
  kind: RelayItemKind,
  title: z.string().trim().min(1).max(120),
  description: z.string().max(1000).default(''),
  tags: z.array(z.string().trim().min(1).max(32)).max(10).default([]),
  /** The thing itself: GLSL for a shader, the prefab recipe JSON, a video's manifest. Max 256 KB. */
  payload: z.string().min(1).max(256 * 1024),
  isPublic: z.boolean().default(true),
  provenance: RelayProvenance.default({ app: 'auteur-studio', generator: 'human' }),
  fulfilsDesireId: z.string().uuid().optional(),
});
export type RelayPublishBody = z.infer<typeof RelayPublishBody>;

export const RelayItem = z.object({
  id: z.string(),
  kind: RelayItemKind,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  author: z.object({ id: z.string(), username: z.string() }),
  isPublic: z.boolean(),
  provenance: RelayProvenance,
  thumbnailUrl: z.string().nullable(),
  previewUrl: z.string().nullable(),
  upvotes: z.number().int(),
  downvotes: z.number().int(),
  score: z.number(),
  commentCount: z.number().int(),
  createdAt: z.string(),
});
export type RelayItem = z.infer<typeof RelayItem>;
/** Detail view adds the payload, and for a signed-in reader their own vote (0 when none). */
export const RelayItemDetail = RelayItem.extend({ payload: z.string(), myVote: z.union([z.literal(1), z.literal(-1), z.literal(0)]).optional() });
export type RelayItemDetail = z.infer<typeof RelayItemDetail>;

export const RelayFeedQuery = z.object({
  kind: RelayItemKind.optional(),
  /** Words in the title (case-insensitive substring). */
  q: z.string().trim().min(1).max(100).optional(),
  tag: z.string().trim().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const RelayFeedPage = z.object({ items: z.array(RelayItem), nextOffset: z.number().int().nullable() });
export type RelayFeedPage = z.infer<typeof RelayFeedPage>;

export const RelayVoteBody = z.object({ value: z.union([z.literal(1), z.literal(-1)]) });

export const RelayCommentBody = z.object({
  body: z.string().trim().min(1).max(2000),
  parentId: z.string().uuid().optional(),
});
export const RelayComment = z.object({
  id: z.string(),
  itemId: z.string(),
  author: z.object({ id: z.string(), username: z.string() }),
  body: z.string().describe('Plain text exactly as posted; clients must render it escaped'),
  parentId: z.string().nullable(),
  createdAt: z.string(),
});
export type RelayComment = z.infer<typeof RelayComment>;

/** Upload caps: a thumbnail is a small image; a preview a short clip or image. */
export const RELAY_UPLOAD_LIMITS = { thumbnailBytes: 2 * 1024 * 1024, previewBytes: 50 * 1024 * 1024 } as const;
