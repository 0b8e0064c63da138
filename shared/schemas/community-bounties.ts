import { z } from 'zod';
import { RelayDesire, RelayTipStatus } from './relay-bounties.js';

/**
 * The relay's bounty board seen from the studio (issue 14): local desires posted to it, tips paid
 * on the relay's Stripe Checkout page, fulfilment with a published shader, and the poster's
 * accept / "not what I wanted". The relay is the truth for every state shown here.
 */

export const BountyBoardQuery = z.object({
  status: z.enum(['open', 'fulfilled']).default('open'),
  hasTip: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});
export type BountyBoardQuery = z.infer<typeof BountyBoardQuery>;

/** What this studio remembers of a desire it posted. */
export const BountyPost = z.object({
  id: z.string(),
  desireId: z.string(),
  relayUrl: z.string(),
  relayDesireId: z.string(),
  tipId: z.string().nullable(),
  tipCents: z.number().int().nullable(),
  /** The relay's word on that tip: pending_payment until Stripe's webhook reached it (then held). */
  tipStatus: RelayTipStatus.nullable(),
  /** Where to pay it while it is pending. */
  checkoutUrl: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  postedAt: z.string(),
});
export type BountyPost = z.infer<typeof BountyPost>;

/** A board desire with what it means to the signed-in user. */
export const BountyDesire = RelayDesire.extend({
  /** The signed-in user posted it (so may accept or reject its fulfilment). */
  mine: z.boolean(),
  /** This studio's record when it was posted from here. */
  post: BountyPost.nullable(),
});
export type BountyDesire = z.infer<typeof BountyDesire>;

export const BountyBoard = z.object({
  relayUrl: z.string(),
  signedIn: z.boolean(),
  desires: z.array(BountyDesire),
});
export type BountyBoard = z.infer<typeof BountyBoard>;

export const BountyPostBody = z.object({
  desireId: z.string().min(1).describe('The local desire (Shaders → Desires) to post to the relay bounty board'),
  tipCents: z.number().int().min(100, 'the minimum tip is $1.00').max(100_000).optional().describe('Optional tip in US cents, paid on a Stripe Checkout page'),
  ttlDays: z.number().int().min(1).max(90).optional().describe('Days the bounty stays open (default 30)'),
});
export type BountyPostBody = z.infer<typeof BountyPostBody>;

export const BountyFulfilBody = z.object({
  shaderId: z.string().min(1).describe('The local shader that fulfils it'),
  /** Publish it first (a community.publish job, waited for) when it is not on this relay yet; otherwise that is refused with 409 not_published. */
  publishFirst: z.boolean().default(false).describe('Publish the shader to the relay first when it is not published there yet'),
});
export type BountyFulfilBody = z.infer<typeof BountyFulfilBody>;

export const BountyIdParams = z.object({ id: z.string().uuid() });

export const BountyActionResult = z.object({
  desire: BountyDesire,
  /** Cents released to the creator (accept) or refunded to the tippers (reject). */
  movedCents: z.number().int().optional(),
});
export type BountyActionResult = z.infer<typeof BountyActionResult>;

export const BountyPostsList = z.object({ posts: z.array(BountyPost) });
export type BountyPostsList = z.infer<typeof BountyPostsList>;
