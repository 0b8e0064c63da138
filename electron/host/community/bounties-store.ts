import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { communityBountyPosts } from '../db/schema.js';

export type BountyPostRow = typeof communityBountyPosts.$inferSelect;

/** community_bounty_posts: which local desire became which relay desire (per relay URL). */
export class BountyPostStore {
  constructor(private readonly db: Db) {}

  forRelay(relayUrl: string, limit = 50): BountyPostRow[] {
    return this.db.select().from(communityBountyPosts).where(eq(communityBountyPosts.relayUrl, relayUrl)).orderBy(desc(communityBountyPosts.createdAt)).limit(limit).all();
  }

  byDesire(relayUrl: string, desireId: string): BountyPostRow | undefined {
    return this.db.select().from(communityBountyPosts).where(and(eq(communityBountyPosts.relayUrl, relayUrl), eq(communityBountyPosts.desireId, desireId))).get();
  }

  byRelayDesire(relayUrl: string, relayDesireId: string): BountyPostRow | undefined {
    return this.db.select().from(communityBountyPosts).where(and(eq(communityBountyPosts.relayUrl, relayUrl), eq(communityBountyPosts.relayDesireId, relayDesireId))).get();
  }

  insert(row: Omit<BountyPostRow, 'id' | 'createdAt' | 'acceptedAt'>): BountyPostRow {
    return this.db.insert(communityBountyPosts).values({ ...row, id: randomUUID() }).returning().get();
  }

  markAccepted(id: string): void {
    this.db.update(communityBountyPosts).set({ acceptedAt: Date.now() }).where(eq(communityBountyPosts.id, id)).run();
  }
}
