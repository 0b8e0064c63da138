import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import type { RelayConfig } from '../config.js';
import type { RelayContext } from '../context.js';
import { users } from '../db/schema.js';
import type { UserRow } from '../auth/identify.js';
import { HttpError } from '../http/errors.js';

/**
 * The official Stripe client, or null without STRIPE_SECRET_KEY. STRIPE_API_BASE points it at
 * another server (stripe-mock, or the tests' fake) through the SDK's host/port/protocol options.
 */
export function createStripe(config: RelayConfig): Stripe | null {
  if (!config.stripeSecretKey) return null;
  const opts: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 1, timeout: 20_000, telemetry: false };
  if (config.stripeApiBase) {
    const u = new URL(config.stripeApiBase);
    opts.host = u.hostname;
    opts.port = u.port || (u.protocol === 'https:' ? 443 : 80);
    opts.protocol = u.protocol.replace(':', '') as 'http' | 'https';
  }
  return new Stripe(config.stripeSecretKey, opts);
}

export function requireStripe(ctx: RelayContext): Stripe {
  if (!ctx.stripe) throw new HttpError(503, 'payments_disabled', 'Payments are not configured on this relay (STRIPE_SECRET_KEY is not set)');
  return ctx.stripe;
}

/** The user's Stripe customer, created on first need and remembered. */
export async function ensureCustomer(ctx: RelayContext, u: UserRow): Promise<string> {
  if (u.stripeCustomerId) return u.stripeCustomerId;
  const stripe = requireStripe(ctx);
  const c = await stripe.customers.create({ email: u.email, name: u.username, metadata: { user_id: u.id } }, { idempotencyKey: `customer-${u.id}` });
  await ctx.db.update(users).set({ stripeCustomerId: c.id }).where(eq(users.id, u.id));
  return c.id;
}

/** A Stripe API failure as a clear 502 rather than an opaque 500. */
export async function stripeCall<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const e = err as { message?: string; code?: string; type?: string };
    throw new HttpError(502, 'stripe_error', `Stripe refused to ${what}: ${e.message ?? String(err)}`, { type: e.type, code: e.code });
  }
}
