import { eq } from 'drizzle-orm';
import express, { type Router } from 'express';
import { CREDIT_PACKS, TIER_RULES } from '../../shared/relay/tiers.js';
import { RelayChargeBody, RelayCheckoutBody, RelayCreditsBody } from '../../shared/schemas/relay-payments.js';
import type { RelayContext } from '../context.js';
import { users } from '../db/schema.js';
import { requireUser } from '../auth/identify.js';
import { HttpError, parse } from '../http/errors.js';
import { chargeGeneration, creditsOf } from './credits.js';
import { ensureCustomer, requireStripe, stripeCall } from './stripe.js';

/** Checkout (subscriptions, credit packs), the customer portal, Connect onboarding, credits. */
export function paymentRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.use(['/payments/checkout', '/payments/credits', '/payments/connect', '/generate'], express.json({ limit: '8kb' }));
  const back = (path: string) => `${ctx.config.publicUrl}${path}`;

  r.post('/payments/checkout', async (req, res) => {
    const u = await requireUser(ctx, req);
    const { plan } = parse(RelayCheckoutBody, req.body);
    const stripe = requireStripe(ctx);
    if (plan === 'free') {
      // Going back to Free is a cancellation, which Stripe's portal handles.
      if (!u.subscriptionId || !u.stripeCustomerId) throw new HttpError(409, 'already_free', 'You are on the Free plan already');
      const customer = u.stripeCustomerId;
      const portal = await stripeCall('open the billing portal', () => stripe.billingPortal.sessions.create({ customer, return_url: back('/billing/done') }));
      return res.json({ url: portal.url });
    }
    if (u.subscriptionTier === plan) throw new HttpError(409, 'already_on_plan', `You are on ${plan} already`);
    const customer = await stripeCall('create the customer', () => ensureCustomer(ctx, u));
    const name = plan === 'pro' ? 'Auteur Relay Pro' : 'Auteur Relay Studio';
    const session = await stripeCall('start Checkout', () =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: u.id,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: TIER_RULES[plan].priceCents, recurring: { interval: 'month' }, product_data: { name } } }],
        subscription_data: { metadata: { user_id: u.id, plan } },
        metadata: { user_id: u.id, plan },
        success_url: back('/billing/done?session_id={CHECKOUT_SESSION_ID}'),
        cancel_url: back('/billing/cancelled'),
      }),
    );
    res.json({ url: session.url });
  });

  r.post('/payments/credits', async (req, res) => {
    const u = await requireUser(ctx, req);
    const { pack } = parse(RelayCreditsBody, req.body);
    const stripe = requireStripe(ctx);
    const customer = await stripeCall('create the customer', () => ensureCustomer(ctx, u));
    const p = CREDIT_PACKS[pack];
    const metadata = { purpose: 'credits', user_id: u.id, pack };
    const session = await stripeCall('start Checkout', () =>
      stripe.checkout.sessions.create({
        mode: 'payment',
        customer,
        client_reference_id: u.id,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: p.priceCents, product_data: { name: `${p.generations} AI generations` } } }],
        // Credits are added on payment_intent.succeeded (seed §10), which carries this metadata.
        payment_intent_data: { metadata },
        metadata,
        success_url: back('/billing/done?session_id={CHECKOUT_SESSION_ID}'),
        cancel_url: back('/billing/cancelled'),
      }),
    );
    res.json({ url: session.url });
  });

  r.get('/payments/portal', async (req, res) => {
    const u = await requireUser(ctx, req);
    const stripe = requireStripe(ctx);
    if (!u.stripeCustomerId) throw new HttpError(409, 'no_customer', 'You have no billing history yet');
    const customer = u.stripeCustomerId;
    const portal = await stripeCall('open the billing portal', () => stripe.billingPortal.sessions.create({ customer, return_url: back('/billing/done') }));
    res.json({ url: portal.url });
  });

  r.post('/payments/connect/onboard', async (req, res) => {
    const u = await requireUser(ctx, req);
    const stripe = requireStripe(ctx);
    let account = u.stripeConnectAccountId;
    if (!account) {
      const created = await stripeCall('create the Connect account', () =>
        stripe.accounts.create({ type: 'express', email: u.email, metadata: { user_id: u.id }, capabilities: { transfers: { requested: true } } }, { idempotencyKey: `connect-${u.id}` }),
      );
      account = created.id;
      await ctx.db.update(users).set({ stripeConnectAccountId: account }).where(eq(users.id, u.id));
    }
    const acct = account;
    const link = await stripeCall('create the onboarding link', () =>
      stripe.accountLinks.create({ account: acct, type: 'account_onboarding', refresh_url: back('/connect/refresh'), return_url: back('/connect/done') }),
    );
    res.json({ url: link.url, accountId: acct });
  });

  r.get('/generate/credits', async (req, res) => {
    res.json(await creditsOf(ctx, await requireUser(ctx, req)));
  });

  r.post('/generate/charge', async (req, res) => {
    const u = await requireUser(ctx, req);
    const body = parse(RelayChargeBody, req.body);
    res.json(await chargeGeneration(ctx, u.id, body));
  });
  return r;
}
