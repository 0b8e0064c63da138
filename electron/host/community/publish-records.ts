import { randomUUID } from 'node:crypto';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { CommunityPublication } from '../../../shared/schemas/community-publish.js';
import type { RelayItemKind } from '../../../shared/schemas/relay-community.js';
import type { Db } from '../db/connection.js';
import { communityPublications } from '../db/schema.js';

type Row = typeof communityPublications.$inferSelect;

/** What the last upload carried (the `details` JSON column). */
const Details = z.object({
  thumbnail: z.boolean().default(false),
  preview: z.boolean().default(false),
  previewClipped: z.boolean().default(false),
  notes: z.array(z.string()).default([]),
});
export type PublicationDetails = z.infer<typeof Details>;

/**
 * The community_publications rows: one per (kind, local id, relay). The relay item id is kept
 * as soon as the relay created the item, before its files are sent, so a retry after a failed
 * upload sends the files to that item instead of publishing a second one.
 */
export class PublicationStore {
  constructor(private readonly db: Db) {}

  find(kind: RelayItemKind, localId: string, relayUrl: string): Row | undefined {
    return this.db
      .select()
      .from(communityPublications)
      .where(and(eq(communityPublications.kind, kind), eq(communityPublications.localId, localId), eq(communityPublications.relayUrl, relayUrl)))
      .get();
  }

  get(id: string): Row | undefined {
    return this.db.select().from(communityPublications).where(eq(communityPublications.id, id)).get();
  }

  delete(id: string): void {
    this.db.delete(communityPublications).where(eq(communityPublications.id, id)).run();
  }

  list(filter: { kind?: RelayItemKind; id?: string }): Row[] {
    const where: SQL[] = [];
    if (filter.kind) where.push(eq(communityPublications.kind, filter.kind));
    if (filter.id) where.push(eq(communityPublications.localId, filter.id));
    return this.db.select().from(communityPublications).where(and(...where)).orderBy(desc(communityPublications.updatedAt)).limit(500).all();
  }

  /** The job now publishing this thing to this relay (creates the row on the first publish). */
  setJob(kind: RelayItemKind, localId: string, relayUrl: string, jobId: string): void {
    const now = Date.now();
    this.db
      .insert(communityPublications)
      .values({ id: randomUUID(), kind, localId, relayUrl, lastJobId: jobId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [communityPublications.kind, communityPublications.localId, communityPublications.relayUrl], set: { lastJobId: jobId, updatedAt: now } })
      .run();
  }

  /** The relay created the item (files not sent yet); null forgets an item the relay no longer has. */
  setRelayItem(kind: RelayItemKind, localId: string, relayUrl: string, relayItemId: string | null): void {
    const now = Date.now();
    this.db
      .insert(communityPublications)
      .values({ id: randomUUID(), kind, localId, relayUrl, relayItemId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [communityPublications.kind, communityPublications.localId, communityPublications.relayUrl], set: { relayItemId, publishedAt: null, updatedAt: now } })
      .run();
  }

  markPublished(kind: RelayItemKind, localId: string, relayUrl: string, details: PublicationDetails): void {
    const now = Date.now();
    this.db
      .update(communityPublications)
      .set({ publishedAt: now, details, updatedAt: now })
      .where(and(eq(communityPublications.kind, kind), eq(communityPublications.localId, localId), eq(communityPublications.relayUrl, relayUrl)))
      .run();
  }
}

export function toPublication(r: Row, currentRelay: string | null): CommunityPublication {
  const d = Details.safeParse(r.details ?? {}).data ?? { thumbnail: false, preview: false, previewClipped: false, notes: [] };
  return {
    id: r.id,
    kind: r.kind,
    localId: r.localId,
    relayUrl: r.relayUrl,
    relayItemId: r.publishedAt ? r.relayItemId : null,
    itemUrl: r.publishedAt && r.relayItemId ? `${r.relayUrl}/api/v1/items/${encodeURIComponent(r.relayItemId)}` : null,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    lastJobId: r.lastJobId,
    ...d,
    currentRelay: r.relayUrl === currentRelay,
  };
}
