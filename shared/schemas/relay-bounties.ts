import { z } from 'zod';

/** The relay's desire board: desires, held tips, fulfilment and payouts (seed §9, §10). */

export const RelayDesireStatus = z.enum(['open', 'in_progress', 'fulfilled', 'expired']);
export const RelayTipStatus = z.enum(['pending_payment', 'held', 'released', 'refunded', 'failed']);

export const RelayDesireBody = z.object({
  promptText: z.string().trim().min(3).max(500),
  /** Optional tip; minimum $1.00. Charged now, held until release or refund. */
  tipCents: z.number().int().min(100, 'the minimum tip is $1.00').max(100_000).optional(),
  ttlDays: z.number().int().min(1).max(90).default(30),
  /** Pay the tip on a Stripe Checkout page (its URL comes back) instead of confirming a PaymentIntent client-side: what the desktop app uses. */
  checkout: z.boolean().optional(),
});
export const RelayTipBody = z.object({ amountCents: z.number().int().min(100, 'the minimum tip is $1.00').max(100_000), checkout: z.boolean().optional() });
export const RelayFulfilBody = z.object({ itemId: z.string().uuid() });

export const RelayTip = z.object({
  id: z.string(),
  amountCents: z.number().int(),
  status: RelayTipStatus,
  /** Client secret of the PaymentIntent the tipper confirms in the browser (only to the tipper). */
  clientSecret: z.string().nullable().optional(),
  /** The Stripe Checkout page that pays it, when asked for with `checkout: true` (only to the tipper). */
  checkoutUrl: z.string().nullable().optional(),
});

export const RelayDesire = z.object({
  id: z.string(),
  promptText: z.string(),
  author: z.object({ id: z.string(), username: z.string() }),
  status: RelayDesireStatus,
  heatScore: z.number(),
  /** Sum of tips currently held (payment succeeded, not yet released or refunded). */
  heldTipCents: z.number().int(),
  fulfilledByItemId: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  /** When held tips go to the creator unless the poster rejects the fulfilment first. */
  releaseAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  tips: z.array(RelayTip).optional(),
});
export type RelayDesire = z.infer<typeof RelayDesire>;

export const RelayDesireQuery = z.object({
  /** open = open or in progress (not expired); fulfilled = fulfilled, whether or not its window has closed. */
  status: z.enum(['open', 'fulfilled']).default('open'),
  minHeat: z.coerce.number().min(0).default(0),
  hasTip: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const RelayPayout = z.object({
  id: z.string(),
  desireId: z.string(),
  grossCents: z.number().int(),
  feeCents: z.number().int(),
  netCents: z.number().int(),
  status: z.enum(['pending', 'transferring', 'paid', 'failed']),
  transferId: z.string().nullable(),
  createdAt: z.string(),
});
export type RelayPayout = z.infer<typeof RelayPayout>;
