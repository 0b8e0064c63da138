import { z } from 'zod';

/** Payments on the relay (seed §10): Checkout, credit packs, portal, Connect, webhook events. */

export const RelayCheckoutBody = z.object({ plan: z.enum(['free', 'pro', 'studio']) });
export const RelayCreditsBody = z.object({ pack: z.enum(['20', '100', '500']) });
export const RelayRedirect = z.object({ url: z.string() });

/** The Stripe webhook events the relay acts on; others are recorded and acknowledged. */
export const RELAY_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'transfer.created',
  'account.updated',
] as const;
export const RelayWebhookEventType = z.enum(RELAY_WEBHOOK_EVENTS);

/** One processed webhook event, as kept in the idempotency table. */
export const RelayWebhookEvent = z.object({
  id: z.string(),
  type: z.string(),
  stripeCreated: z.number().int(),
  outcome: z.string(),
  receivedAt: z.string(),
});

/** Metadata the relay attaches to PaymentIntents so the webhook knows what was paid for. */
export const RelayPaymentMetadata = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('credits'), user_id: z.string(), pack: z.enum(['20', '100', '500']) }),
  z.object({ purpose: z.literal('tip'), user_id: z.string(), tip_id: z.string() }),
]);

export const RelayCredits = z.object({
  tier: z.enum(['free', 'pro', 'studio']),
  monthlyAllowance: z.number().int(),
  monthlyUsed: z.number().int(),
  packCredits: z.number().int(),
  available: z.number().int(),
});
export type RelayCredits = z.infer<typeof RelayCredits>;

export const RelayChargeBody = z.object({
  provider: z.string().min(1).max(60),
  promptText: z.string().max(2000).optional(),
  tokensUsed: z.number().int().min(0).optional(),
  /** BYOK generations are logged but consume no credits (Pro/Studio only). */
  byok: z.boolean().default(false),
});
