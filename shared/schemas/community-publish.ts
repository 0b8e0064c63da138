import { z } from 'zod';
import { RelayItemKind } from './relay-community.js';

/** The studio's record of what it published to a community relay (electron/host/db/community-publish-schema.ts). */
export const CommunityPublication = z.object({
  id: z.string(),
  kind: RelayItemKind,
  localId: z.string(),
  relayUrl: z.string(),
  /** Null while the publish job has not uploaded it yet (queued, retrying or failed). */
  relayItemId: z.string().nullable(),
  /** The item on the relay (its JSON: title, thumbnail and preview URLs, votes). */
  itemUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  lastJobId: z.string().nullable(),
  thumbnail: z.boolean(),
  preview: z.boolean(),
  previewClipped: z.boolean(),
  notes: z.array(z.string()),
  /** True for the relay set in Settings → Community now (a publish to another relay does not count there). */
  currentRelay: z.boolean(),
});
export type CommunityPublication = z.infer<typeof CommunityPublication>;

export const CommunityPublicationsQuery = z.object({
  kind: RelayItemKind.optional(),
  id: z.string().min(1).max(200).optional().describe('A local shader, video or prefab id'),
});
export const CommunityPublicationList = z.object({ publications: z.array(CommunityPublication) });
export type CommunityPublicationList = z.infer<typeof CommunityPublicationList>;

export const CommunityPublicationParams = z.object({ id: z.string().min(1).max(64) });
export const CommunityUnpublished = z.object({
  ok: z.literal(true),
  /** False when the relay no longer had the item (deleted there already). */
  removedFromRelay: z.boolean(),
});
export type CommunityUnpublished = z.infer<typeof CommunityUnpublished>;
