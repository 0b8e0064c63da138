/**
 * Community bounties (issue 14): which local desires this studio posted to which relay's bounty
 * board. The relay owns the desire's state and its tips (pending_payment → held is the relay's
 * word, read back on each look); this row only links the two and remembers the tip's Checkout
 * page and the poster's acceptance.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const communityBountyPosts = sqliteTable(
  'community_bounty_posts',
  {
    id: text('id').primaryKey(),
    /** The local desire (shaders studio queue) that was posted. */
    desireId: text('desire_id').notNull(),
    relayUrl: text('relay_url').notNull(),
    relayDesireId: text('relay_desire_id').notNull(),
    /** The tip offered when posting (its status lives on the relay). */
    tipId: text('tip_id'),
    tipCents: integer('tip_cents'),
    /** The relay's Stripe Checkout page for that tip, to reopen while it is unpaid. */
    checkoutUrl: text('checkout_url'),
    /** When the poster accepted the fulfilment (the relay released the held tips then). */
    acceptedAt: integer('accepted_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('uq_bounty_posts_relay').on(t.relayUrl, t.relayDesireId), index('idx_bounty_posts_desire').on(t.desireId)],
);
