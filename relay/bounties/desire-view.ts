import { and, eq, gt, inArray } from 'drizzle-orm';
import { BOUNTY_RULES } from '../../shared/relay/tiers.js';
import { SIMILAR_DESIRE_THRESHOLD, cosine, heatScore } from '../../shared/relay/formulas.js';
import type { RelayDesire } from '../../shared/schemas/relay-bounties.js';
import type { RelayContext } from '../context.js';
import type { RelayDb, RelayTx } from '../db/open.js';
import { bountyTips, desires, users } from '../db/schema.js';

export type DesireRow = typeof desires.$inferSelect;

export async function desireViews(ctx: RelayContext, rows: Array<DesireRow & { username: string }>, withTipsFor?: string): Promise<RelayDesire[]> {
  const ids = rows.map((r) => r.id);
  const tips = ids.length ? await ctx.db.select().from(bountyTips).where(inArray(bountyTips.desireId, ids)) : [];
  return rows.map((d) => {
    const mine = tips.filter((t) => t.desireId === d.id);
    return {
      id: d.id,
      promptText: d.promptText,
      author: { id: d.authorId, username: d.username },
      status: d.status as RelayDesire['status'],
      heatScore: d.heatScore,
      heldTipCents: mine.filter((t) => t.status === 'held').reduce((s, t) => s + t.amountCents, 0),
      fulfilledByItemId: d.fulfilledByItem,
      fulfilledAt: d.fulfilledAt?.toISOString() ?? null,
      releaseAt: d.fulfilledAt ? new Date(d.fulfilledAt.getTime() + BOUNTY_RULES.disputeWindowMs).toISOString() : null,
      expiresAt: d.expiresAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      ...(withTipsFor !== undefined
        ? { tips: mine.filter((t) => t.tipperId === withTipsFor).map((t) => ({ id: t.id, amountCents: t.amountCents, status: t.status as 'held' })) }
        : {}),
    };
  });
}


export async function loadDesire(db: RelayDb | RelayTx, id: string) {
  const [row] = await db
    .select({ d: desires, username: users.username })
    .from(desires)
    .innerJoin(users, eq(users.id, desires.authorId))
    .where(eq(desires.id, id));
  return row ? { ...row.d, username: row.username } : null;
}

/**
 * Seed §9 heat: for each open desire of the last 7 days similar (cosine > 0.82) to `embedding`,
 * recount its similar open desires and recompute heat = log(similar + 1) × recency. Returns the
 * number of similar desires found (the new desire's own count).
 */
export async function refreshHeat(ctx: RelayContext, tx: RelayTx, selfId: string, embedding: number[]): Promise<number> {
  const now = ctx.clock.now();
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const open = await tx
    .select({ id: desires.id, e: desires.promptEmbedding, createdAt: desires.createdAt })
    .from(desires)
    .where(and(eq(desires.status, 'open'), gt(desires.createdAt, weekAgo)));
  const similarTo = (e: number[]) => open.filter((o) => o.e && cosine(o.e, e) > SIMILAR_DESIRE_THRESHOLD);
  const cluster = similarTo(embedding);
  for (const d of cluster) {
    const n = similarTo(d.e!).length; // includes itself: log(n + 1) grows with every similar wish
    const ageH = (now.getTime() - d.createdAt.getTime()) / 3600_000;
    await tx.update(desires).set({ heatScore: heatScore(n, ageH) }).where(eq(desires.id, d.id));
  }
  return cluster.filter((d) => d.id !== selfId).length;
}

