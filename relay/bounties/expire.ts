import { and, eq, inArray, lte } from 'drizzle-orm';
import type { RelayContext } from '../context.js';
import { bountyTips, desires } from '../db/schema.js';
import { refundHeldTips } from './fulfil.js';

/**
 * Desires nobody fulfilled before their expiry become `expired` (seed §9 lifecycle) and give
 * their money back: held tips are refunded, tips still awaiting payment have their
 * PaymentIntent cancelled so they cannot be charged later. Part of the settlement sweep.
 */
export async function expireDesires(ctx: RelayContext): Promise<number> {
  const due = await ctx.db
    .select({ id: desires.id })
    .from(desires)
    .where(and(inArray(desires.status, ['open', 'in_progress']), lte(desires.expiresAt, ctx.clock.now())));
  let n = 0;
  for (const d of due) {
    try {
      const pending = await ctx.db.select().from(bountyTips).where(and(eq(bountyTips.desireId, d.id), eq(bountyTips.status, 'pending_payment')));
      for (const t of pending) {
        if (t.stripePaymentIntentId && ctx.stripe) await ctx.stripe.paymentIntents.cancel(t.stripePaymentIntentId, {}, { idempotencyKey: `cancel-${t.id}` });
        await ctx.db.update(bountyTips).set({ status: 'failed' }).where(and(eq(bountyTips.id, t.id), eq(bountyTips.status, 'pending_payment')));
      }
      await refundHeldTips(ctx, d.id);
      const moved = await ctx.db.update(desires).set({ status: 'expired' }).where(and(eq(desires.id, d.id), inArray(desires.status, ['open', 'in_progress']))).returning({ id: desires.id });
      n += moved.length;
    } catch (err) {
      // Stripe unreachable: leave it open, the next sweep retries.
      ctx.log(`expiring desire ${d.id} failed, will retry: ${(err as Error).message}`);
    }
  }
  return n;
}
