import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import express, { type Router } from 'express';
import { RelayDesireBody, RelayDesireQuery, RelayFulfilBody, RelayTipBody } from '../../shared/schemas/relay-bounties.js';
import type { RelayContext } from '../context.js';
import { bountyTips, creatorPayouts, desires, users } from '../db/schema.js';
import { requireTier, requireUser, type UserRow } from '../auth/identify.js';
import { HttpError, parse, uuidParam } from '../http/errors.js';
import { ensureCustomer, requireStripe, stripeCall } from '../payments/stripe.js';
import { desireViews, loadDesire, refreshHeat } from './desire-view.js';
import { embedText } from './embedding.js';
import { acceptFulfilment, fulfilDesire, rejectFulfilment } from './fulfil.js';

/**
 * Creates a tip and its Stripe PaymentIntent. The tip is `pending_payment` until Stripe's
 * payment_intent.succeeded webhook marks it `held`; only held tips count on the board.
 */
async function createTip(ctx: RelayContext, u: UserRow, desireId: string, amountCents: number, checkout = false) {
  const stripe = requireStripe(ctx);
  const customer = await ensureCustomer(ctx, u);
  const [tip] = await ctx.db.insert(bountyTips).values({ desireId, tipperId: u.id, amountCents, createdAt: ctx.clock.now() }).returning();
  try {
    if (checkout) return { id: tip!.id, amountCents, status: 'pending_payment' as const, clientSecret: null, checkoutUrl: await tipCheckout(ctx, u, customer, tip!.id, amountCents) };
    const pi = await stripeCall('create the tip payment', () =>
      stripe.paymentIntents.create(
        { amount: amountCents, currency: 'usd', customer, automatic_payment_methods: { enabled: true }, description: 'Auteur relay bounty tip', metadata: { purpose: 'tip', user_id: u.id, tip_id: tip!.id } },
        { idempotencyKey: `tip-${tip!.id}` },
      ),
    );
    await ctx.db.update(bountyTips).set({ stripePaymentIntentId: pi.id }).where(eq(bountyTips.id, tip!.id));
    return { id: tip!.id, amountCents, status: 'pending_payment' as const, clientSecret: pi.client_secret };
  } catch (err) {
    await ctx.db.update(bountyTips).set({ status: 'failed' }).where(eq(bountyTips.id, tip!.id));
    throw err;
  }
}

/**
 * A Checkout page for a tip: the PaymentIntent Stripe creates there carries the tip id in its
 * metadata, and the webhook holds the tip by that id (its PaymentIntent id is unknown until then).
 */
async function tipCheckout(ctx: RelayContext, u: UserRow, customer: string, tipId: string, amountCents: number): Promise<string> {
  const metadata = { purpose: 'tip', user_id: u.id, tip_id: tipId };
  const back = (path: string) => `${ctx.config.publicUrl}${path}`;
  const session = await stripeCall('start Checkout for the tip', () =>
    requireStripe(ctx).checkout.sessions.create(
      {
        mode: 'payment',
        customer,
        client_reference_id: u.id,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: amountCents, product_data: { name: 'Auteur relay bounty tip' } } }],
        payment_intent_data: { metadata, description: 'Auteur relay bounty tip' },
        metadata,
        success_url: back('/billing/done?session_id={CHECKOUT_SESSION_ID}'),
        cancel_url: back('/billing/cancelled'),
      },
      { idempotencyKey: `tip-checkout-${tipId}` },
    ),
  );
  if (!session.url) throw new HttpError(502, 'stripe_error', 'Stripe did not return a Checkout page for the tip');
  return session.url;
}

export function bountyRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.use('/desires', express.json({ limit: '16kb' }));

  r.get('/desires', async (req, res) => {
    const q = parse(RelayDesireQuery, req.query, 'query');
    const rows = await ctx.db
      .select({ d: desires, username: users.username })
      .from(desires)
      .innerJoin(users, eq(users.id, desires.authorId))
      .where(
        q.status === 'fulfilled'
          ? and(eq(desires.status, 'fulfilled'), gte(desires.heatScore, q.minHeat))
          : and(inArray(desires.status, ['open', 'in_progress']), gte(desires.heatScore, q.minHeat), sql`(${desires.expiresAt} is null or ${desires.expiresAt} > ${ctx.clock.now()})`),
      )
      .orderBy(desc(desires.heatScore), desc(desires.createdAt))
      .limit(200);
    let views = await desireViews(ctx, rows.map((x) => ({ ...x.d, username: x.username })));
    if (q.hasTip === 'true') views = views.filter((v) => v.heldTipCents > 0);
    if (q.hasTip === 'false') views = views.filter((v) => v.heldTipCents === 0);
    res.json({ desires: views.slice(0, q.limit) });
  });

  r.post('/desires', async (req, res) => {
    const u = await requireUser(ctx, req);
    requireTier(u, 'postBounties', 'Posting to the bounty board');
    const body = parse(RelayDesireBody, req.body);
    if (body.tipCents) requireStripe(ctx);
    const embedding = embedText(body.promptText);
    const now = ctx.clock.now();
    const id = await ctx.db.transaction(async (tx) => {
      const [d] = await tx
        .insert(desires)
        .values({ authorId: u.id, promptText: body.promptText, promptEmbedding: embedding, createdAt: now, expiresAt: new Date(now.getTime() + body.ttlDays * 24 * 3600_000) })
        .returning({ id: desires.id });
      await refreshHeat(ctx, tx, d!.id, embedding);
      return d!.id;
    });
    let tip = null;
    if (body.tipCents) {
      try {
        tip = await createTip(ctx, u, id, body.tipCents, body.checkout);
      } catch (err) {
        // No half-posted bounty: without its tip the desire is taken back, so posting again does not duplicate it.
        await ctx.db.delete(desires).where(eq(desires.id, id));
        throw err;
      }
    }
    const [view] = await desireViews(ctx, [(await loadDesire(ctx.db, id))!], u.id);
    res.status(201).json({ ...view, tips: tip ? [tip] : [] });
  });

  r.get('/desires/:id', async (req, res) => {
    const d = await loadDesire(ctx.db, uuidParam(req.params.id, 'desire'));
    if (!d) throw new HttpError(404, 'not_found', 'No such desire');
    const [view] = await desireViews(ctx, [d], req.caller?.userId);
    res.json(view);
  });

  r.post('/desires/:id/tip', async (req, res) => {
    const u = await requireUser(ctx, req);
    requireTier(u, 'postBounties', 'Tipping bounties');
    const { amountCents, checkout } = parse(RelayTipBody, req.body);
    const d = await loadDesire(ctx.db, uuidParam(req.params.id, 'desire'));
    if (!d) throw new HttpError(404, 'not_found', 'No such desire');
    if (d.status !== 'open' && d.status !== 'in_progress') throw new HttpError(409, 'not_open', `This desire is ${d.status}; only open desires take tips`);
    res.status(201).json(await createTip(ctx, u, d.id, amountCents, checkout));
  });

  r.post('/desires/:id/fulfill', async (req, res) => {
    const u = await requireUser(ctx, req);
    const { itemId } = parse(RelayFulfilBody, req.body);
    await fulfilDesire(ctx, u, String(req.params.id), itemId);
    const [view] = await desireViews(ctx, [(await loadDesire(ctx.db, uuidParam(req.params.id, 'desire')))!]);
    res.json(view);
  });

  r.post('/desires/:id/accept', async (req, res) => {
    const u = await requireUser(ctx, req);
    const out = await acceptFulfilment(ctx, u, uuidParam(req.params.id, 'desire'));
    const [view] = await desireViews(ctx, [(await loadDesire(ctx.db, uuidParam(req.params.id, 'desire')))!], u.id);
    res.json({ ...view, releasedCents: out.releasedCents });
  });

  r.post('/desires/:id/reject', async (req, res) => {
    const u = await requireUser(ctx, req);
    const out = await rejectFulfilment(ctx, u, uuidParam(req.params.id, 'desire'));
    const [view] = await desireViews(ctx, [(await loadDesire(ctx.db, uuidParam(req.params.id, 'desire')))!], u.id);
    res.json({ ...view, refundedCents: out.refundedCents });
  });

  r.get('/me/payouts', async (req, res) => {
    const u = await requireUser(ctx, req);
    const rows = await ctx.db.select().from(creatorPayouts).where(eq(creatorPayouts.creatorId, u.id)).orderBy(desc(creatorPayouts.createdAt));
    res.json({
      payouts: rows.map((p) => ({ id: p.id, desireId: p.desireId, grossCents: p.grossAmountCents, feeCents: p.platformFeeCents, netCents: p.netAmountCents, status: p.status, transferId: p.stripeTransferId, createdAt: p.createdAt.toISOString() })),
    });
  });
  return r;
}
