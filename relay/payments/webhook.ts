import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import express, { type Router } from 'express';
import { CREDIT_PACKS, type CreditPackId } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import type { RelayTx } from '../db/open.js';
import { bountyTips, creatorPayouts, stripeEvents, users } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { payCreator } from '../bounties/fulfil.js';
import { requireStripe, stripeCall } from './stripe.js';

/** Signatures older than this are refused as replays (Stripe's default tolerance). */
const TOLERANCE_S = 300;
type Obj = Record<string, any>;

/**
 * POST /api/v1/payments/webhook (seed §10). The raw body is verified with the signing secret
 * by the official SDK; each event id is applied at most once (the stripe_events row is written
 * in the same transaction as its effects), and subscription events older than the last one
 * applied to that user change nothing, so duplicates and out-of-order delivery have one effect.
 */
export function webhookRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.post('/payments/webhook', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const stripe = requireStripe(ctx);
    const secret = ctx.config.stripeWebhookSecret;
    if (!secret) throw new HttpError(503, 'webhooks_disabled', 'STRIPE_WEBHOOK_SECRET is not set on this relay');
    const sig = req.headers['stripe-signature'];
    if (typeof sig !== 'string' || !Buffer.isBuffer(req.body)) throw new HttpError(400, 'bad_signature', 'Missing Stripe-Signature header or body');
    let event: ReturnType<typeof stripe.webhooks.constructEvent>;
    try {
      event = stripe.webhooks.constructEvent(req.body, sig, secret, TOLERANCE_S, undefined, ctx.clock.now().getTime());
    } catch (err) {
      throw new HttpError(400, 'bad_signature', `Webhook signature verification failed: ${(err as Error).message}`);
    }
    const after: Array<() => Promise<unknown>> = [];
    const outcome = await ctx.db.transaction(async (tx) => {
      const fresh = await tx
        .insert(stripeEvents)
        .values({ id: event.id, type: event.type, stripeCreated: event.created, outcome: 'processing', receivedAt: ctx.clock.now() })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (!fresh.length) return 'duplicate';
      const result = await apply(ctx, tx, event.type, event.created, event.data.object as Obj, after);
      await tx.update(stripeEvents).set({ outcome: result }).where(eq(stripeEvents.id, event.id));
      return result;
    });
    // Work with its own Stripe calls (a payout that became possible) runs after the commit.
    for (const f of after) await f().catch((err) => ctx.log(`webhook follow-up failed: ${(err as Error).message}`));
    res.json({ received: true, outcome });
  });
  return r;
}

async function userFor(tx: RelayTx, o: Obj) {
  const id = o.metadata?.user_id ?? o.client_reference_id;
  if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (u) return u;
  }
  if (typeof o.customer === 'string') {
    const [u] = await tx.select().from(users).where(eq(users.stripeCustomerId, o.customer));
    if (u) return u;
  }
  return null;
}

const PAID = new Set(['active', 'trialing', 'past_due']);

async function apply(ctx: RelayContext, tx: RelayTx, type: string, created: number, o: Obj, after: Array<() => Promise<unknown>>): Promise<string> {
  switch (type) {
    case 'checkout.session.completed': {
      const u = await userFor(tx, o);
      if (!u) return 'ignored: unknown user';
      if (typeof o.customer === 'string' && !u.stripeCustomerId) await tx.update(users).set({ stripeCustomerId: o.customer }).where(eq(users.id, u.id));
      return 'customer linked';
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const u = await userFor(tx, o);
      if (!u) return 'ignored: unknown user';
      if (created < u.subscriptionEventAt) return 'ignored: older than the state applied';
      const plan = o.metadata?.plan === 'studio' ? 'studio' : o.metadata?.plan === 'pro' ? 'pro' : null;
      const active = type !== 'customer.subscription.deleted' && PAID.has(String(o.status)) && plan;
      // A deletion of a subscription other than the current one does not downgrade.
      if (!active && u.subscriptionId && o.id !== u.subscriptionId) return 'ignored: not the current subscription';
      await tx
        .update(users)
        .set({ subscriptionTier: active ? plan : 'free', subscriptionId: active ? String(o.id) : null, subscriptionEventAt: created, ...(typeof o.customer === 'string' ? { stripeCustomerId: o.customer } : {}) })
        .where(eq(users.id, u.id));
      return `tier ${active ? plan : 'free'}`;
    }
    case 'payment_intent.succeeded': {
      const m = o.metadata ?? {};
      if (m.purpose === 'credits') {
        const pack = CREDIT_PACKS[m.pack as CreditPackId];
        const u = await userFor(tx, o);
        if (!pack || !u) return 'ignored: unknown pack or user';
        await tx.update(users).set({ aiCreditsRemaining: sql`${users.aiCreditsRemaining} + ${pack.generations}` }).where(eq(users.id, u.id));
        return `credits +${pack.generations}`;
      }
      if (m.purpose === 'tip') {
        let held = await tx
          .update(bountyTips)
          .set({ status: 'held' })
          .where(and(eq(bountyTips.stripePaymentIntentId, String(o.id)), eq(bountyTips.status, 'pending_payment')))
          .returning({ id: bountyTips.id });
        // A tip paid on a Checkout page: its PaymentIntent was made by Stripe, so find it by the tip id.
        if (!held.length && typeof m.tip_id === 'string' && /^[0-9a-f-]{36}$/i.test(m.tip_id)) {
          held = await tx
            .update(bountyTips)
            .set({ status: 'held', stripePaymentIntentId: String(o.id) })
            .where(and(eq(bountyTips.id, m.tip_id), isNull(bountyTips.stripePaymentIntentId), eq(bountyTips.status, 'pending_payment')))
            .returning({ id: bountyTips.id });
        }
        if (held.length) return 'tip held';
        // A Checkout page paid after its desire closed (expired unpaid, so the tip was failed): give the money back.
        if (typeof m.tip_id === 'string' && /^[0-9a-f-]{36}$/i.test(m.tip_id)) {
          const late = await tx.update(bountyTips).set({ status: 'refunded', stripePaymentIntentId: String(o.id) }).where(and(eq(bountyTips.id, m.tip_id), isNull(bountyTips.stripePaymentIntentId), eq(bountyTips.status, 'failed'))).returning({ id: bountyTips.id });
          if (late.length) {
            // Inside the transaction: if Stripe refuses, nothing is recorded and Stripe's retry of this event tries again.
            const pi = String(o.id);
            await stripeCall('refund the late tip', () => requireStripe(ctx).refunds.create({ payment_intent: pi, metadata: { tip_id: late[0]!.id } }, { idempotencyKey: `late-refund-${late[0]!.id}` }));
            return 'tip refunded: its desire had closed';
          }
        }
        return 'ignored: tip not pending';
      }
      return 'ignored: no purpose';
    }
    case 'payment_intent.payment_failed': {
      // Also after the tip was shown as held (a late failure): it stops counting, nothing is paid out.
      const failed = await tx
        .update(bountyTips)
        .set({ status: 'failed' })
        .where(and(eq(bountyTips.stripePaymentIntentId, String(o.id)), inArray(bountyTips.status, ['pending_payment', 'held'])))
        .returning({ id: bountyTips.id });
      return failed.length ? 'tip failed' : 'ignored: no open tip';
    }
    case 'transfer.created': {
      const creator = o.metadata?.creator_id;
      if (typeof creator !== 'string') return 'ignored: not a payout';
      const paid = await tx
        .update(creatorPayouts)
        .set({ status: 'paid', stripeTransferId: String(o.id) })
        .where(and(eq(creatorPayouts.creatorId, creator), eq(creatorPayouts.status, 'transferring')))
        .returning({ id: creatorPayouts.id });
      return `payouts paid ${paid.length}`;
    }
    case 'account.updated': {
      const [u] = await tx.select().from(users).where(eq(users.stripeConnectAccountId, String(o.id)));
      if (!u) return 'ignored: unknown account';
      const enabled = o.payouts_enabled === true;
      await tx.update(users).set({ payoutsEnabled: enabled }).where(eq(users.id, u.id));
      if (enabled) after.push(() => payCreator(ctx, u.id));
      return `payouts ${enabled ? 'enabled' : 'disabled'}`;
    }
    default:
      return 'ignored: unhandled type';
  }
}
