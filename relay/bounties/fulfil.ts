import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { splitTip } from '../../shared/relay/formulas.js';
import { BOUNTY_RULES } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import { bountyTips, creatorPayouts, desires, items, users } from '../db/schema.js';
import { requireTier, type UserRow } from '../auth/identify.js';
import { HttpError, uuidParam } from '../http/errors.js';
import { requireStripe, stripeCall } from '../payments/stripe.js';
import { expireDesires } from './expire.js';

/** Marks an open desire fulfilled by one of the caller's public items; the 48 h window starts now. */
export async function fulfilDesire(ctx: RelayContext, u: UserRow, desireIdRaw: string, itemId: string): Promise<void> {
  requireTier(u, 'fulfilBounties', 'Fulfilling bounties');
  const desireId = uuidParam(desireIdRaw, 'desire');
  await ctx.db.transaction(async (tx) => {
    const [d] = await tx.select().from(desires).where(eq(desires.id, desireId)).for('update');
    if (!d) throw new HttpError(404, 'not_found', 'No such desire');
    if (d.authorId === u.id) throw new HttpError(409, 'own_desire', 'You cannot fulfil your own desire');
    if (d.status !== 'open' && d.status !== 'in_progress') throw new HttpError(409, 'not_open', `This desire is ${d.status}, not open`);
    const [it] = await tx.select({ authorId: items.authorId, isPublic: items.isPublic }).from(items).where(eq(items.id, itemId));
    if (!it || it.authorId !== u.id || !it.isPublic) throw new HttpError(400, 'bad_item', 'The fulfilling item must be one of your public items');
    await tx.update(desires).set({ status: 'fulfilled', fulfilledByItem: itemId, fulfilledBy: u.id, fulfilledAt: ctx.clock.now() }).where(eq(desires.id, desireId));
  });
}

/**
 * "Not what I wanted": within 48 h of fulfilment the poster gets every held tip refunded
 * through Stripe and the desire re-opens. After the window it is refused.
 */
export async function rejectFulfilment(ctx: RelayContext, u: UserRow, desireId: string): Promise<{ refundedCents: number }> {
  const [d] = await ctx.db.select().from(desires).where(eq(desires.id, desireId));
  if (!d) throw new HttpError(404, 'not_found', 'No such desire');
  if (d.authorId !== u.id) throw new HttpError(403, 'forbidden', 'Only the poster can reject a fulfilment');
  if (d.status !== 'fulfilled' || !d.fulfilledAt) throw new HttpError(409, 'not_fulfilled', 'This desire has not been fulfilled');
  if (ctx.clock.now().getTime() - d.fulfilledAt.getTime() > BOUNTY_RULES.disputeWindowMs) {
    throw new HttpError(409, 'window_closed', 'The 48-hour window to reject this fulfilment has passed');
  }
  const [released] = await ctx.db.select({ id: bountyTips.id }).from(bountyTips).where(and(eq(bountyTips.desireId, d.id), eq(bountyTips.status, 'released'))).limit(1);
  if (released) throw new HttpError(409, 'accepted', 'You accepted this fulfilment and its tips went to the creator; it can no longer be rejected');
  const refundedCents = await refundHeldTips(ctx, d.id);
  await ctx.db.update(desires).set({ status: 'open', fulfilledByItem: null, fulfilledBy: null, fulfilledAt: null }).where(eq(desires.id, d.id));
  return { refundedCents };
}

/**
 * The poster is happy before the 48 h window ends: every held tip is released to the creator
 * now (90/10 split, as the sweep would), and a payout is attempted at once.
 */
export async function acceptFulfilment(ctx: RelayContext, u: UserRow, desireId: string): Promise<{ releasedCents: number }> {
  const [d] = await ctx.db.select().from(desires).where(eq(desires.id, desireId));
  if (!d) throw new HttpError(404, 'not_found', 'No such desire');
  if (d.authorId !== u.id) throw new HttpError(403, 'forbidden', 'Only the poster can accept a fulfilment');
  if (d.status !== 'fulfilled' || !d.fulfilledBy) throw new HttpError(409, 'not_fulfilled', 'This desire has not been fulfilled');
  const held = await ctx.db.select().from(bountyTips).where(and(eq(bountyTips.desireId, d.id), eq(bountyTips.status, 'held')));
  let releasedCents = 0;
  for (const tip of held) if (await releaseTip(ctx, tip, d.fulfilledBy)) releasedCents += tip.amountCents;
  if (releasedCents) await payCreator(ctx, d.fulfilledBy).catch((err) => ctx.log(`payout after accept failed, the sweep retries: ${(err as Error).message}`));
  return { releasedCents };
}

/** Moves one held tip into a pending creator payout (once: a tip another process released is skipped). */
async function releaseTip(ctx: RelayContext, tip: typeof bountyTips.$inferSelect, creatorId: string): Promise<boolean> {
  const { feeCents, netCents } = splitTip(tip.amountCents, BOUNTY_RULES.platformFeePercent);
  return ctx.db.transaction(async (tx) => {
    const moved = await tx.update(bountyTips).set({ status: 'released' }).where(and(eq(bountyTips.id, tip.id), eq(bountyTips.status, 'held'))).returning({ id: bountyTips.id });
    if (!moved.length) return false;
    await tx.insert(creatorPayouts).values({ creatorId, desireId: tip.desireId, tipId: tip.id, grossAmountCents: tip.amountCents, platformFeeCents: feeCents, netAmountCents: netCents, createdAt: ctx.clock.now() });
    return true;
  });
}

/** Refunds every held tip of a desire through Stripe (idempotently per tip); returns the total. */
export async function refundHeldTips(ctx: RelayContext, desireId: string): Promise<number> {
  const held = await ctx.db.select().from(bountyTips).where(and(eq(bountyTips.desireId, desireId), eq(bountyTips.status, 'held')));
  let refunded = 0;
  for (const t of held) {
    if (t.stripePaymentIntentId) {
      const pi = t.stripePaymentIntentId;
      await stripeCall('refund the tip', () => requireStripe(ctx).refunds.create({ payment_intent: pi, metadata: { tip_id: t.id } }, { idempotencyKey: `refund-${t.id}` }));
    }
    await ctx.db.update(bountyTips).set({ status: 'refunded' }).where(and(eq(bountyTips.id, t.id), eq(bountyTips.status, 'held')));
    refunded += t.amountCents;
  }
  return refunded;
}

/**
 * The settlement sweep (a timer in production, called directly by tests with a moved clock):
 * held tips of desires fulfilled more than 48 h ago are released into payouts (90 % creator /
 * 10 % platform), then every creator whose pending payouts reach $10 and who has a Connect
 * account with payouts enabled is paid by one Stripe transfer.
 */
export async function settleDue(ctx: RelayContext): Promise<{ released: number; transfers: number; expired: number }> {
  const expired = await expireDesires(ctx);
  const cutoff = new Date(ctx.clock.now().getTime() - BOUNTY_RULES.disputeWindowMs);
  const due = await ctx.db
    .select({ tip: bountyTips, creatorId: desires.fulfilledBy })
    .from(bountyTips)
    .innerJoin(desires, eq(desires.id, bountyTips.desireId))
    .where(and(eq(bountyTips.status, 'held'), eq(desires.status, 'fulfilled'), isNotNull(desires.fulfilledBy), lte(desires.fulfilledAt, cutoff)));
  let released = 0;
  for (const { tip, creatorId } of due) if (await releaseTip(ctx, tip, creatorId!)) released++;
  const creators = await ctx.db.selectDistinct({ id: creatorPayouts.creatorId }).from(creatorPayouts).where(eq(creatorPayouts.status, 'pending'));
  let transfers = 0;
  for (const c of creators) if (await payCreator(ctx, c.id)) transfers++;
  return { released, transfers, expired };
}

/** One Stripe transfer of a creator's pending payouts once they reach the $10 minimum. */
export async function payCreator(ctx: RelayContext, creatorId: string): Promise<boolean> {
  if (!ctx.stripe) return false;
  const [u] = await ctx.db.select().from(users).where(eq(users.id, creatorId));
  if (!u?.stripeConnectAccountId || !u.payoutsEnabled) return false;
  const pending = await ctx.db.select().from(creatorPayouts).where(and(eq(creatorPayouts.creatorId, creatorId), eq(creatorPayouts.status, 'pending')));
  const total = pending.reduce((s, p) => s + p.netAmountCents, 0);
  if (total < BOUNTY_RULES.minPayoutCents) return false;
  const ids = pending.map((p) => p.id).sort();
  const claimed = await ctx.db.update(creatorPayouts).set({ status: 'transferring' }).where(and(inArray(creatorPayouts.id, ids), eq(creatorPayouts.status, 'pending'))).returning({ id: creatorPayouts.id });
  if (claimed.length !== ids.length) {
    // Another process claimed some of them: give ours back and let the next sweep retry.
    await ctx.db.update(creatorPayouts).set({ status: 'pending' }).where(inArray(creatorPayouts.id, claimed.map((p) => p.id)));
    return false;
  }
  try {
    const transfer = await ctx.stripe.transfers.create(
      { amount: total, currency: 'usd', destination: u.stripeConnectAccountId, transfer_group: `payout-${ids[0]}`, metadata: { creator_id: creatorId, payouts: String(ids.length) } },
      { idempotencyKey: `transfer-${createHash('sha256').update(ids.join(',')).digest('hex')}` },
    );
    await ctx.db.update(creatorPayouts).set({ stripeTransferId: transfer.id }).where(inArray(creatorPayouts.id, ids));
    return true;
  } catch (err) {
    ctx.log(`payout to ${creatorId} failed, will retry: ${(err as Error).message}`);
    await ctx.db.update(creatorPayouts).set({ status: 'pending' }).where(inArray(creatorPayouts.id, ids));
    return false;
  }
}
