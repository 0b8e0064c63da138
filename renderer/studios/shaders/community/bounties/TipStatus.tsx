import type { BountyPost } from '../../../../../shared/schemas/community-bounties.js';
import { dollars } from './hooks.js';

/**
 * The tip of a desire posted from here, as the relay reports it: "pending payment" (with the
 * Checkout link) until Stripe's webhook reached the relay; never "held" before the relay says so.
 */
export function TipStatus({ post }: { post: BountyPost }) {
  if (!post.tipId || post.tipCents == null) return <p className="fulfilment-line muted" data-testid="bounty-posted">Posted to the community board (no tip)</p>;
  const amount = dollars(post.tipCents);
  switch (post.tipStatus) {
    case 'pending_payment':
      return (
        <p className="fulfilment-line" data-testid="bounty-tip-status" data-tip-status="pending_payment">
          Tip {amount}: pending payment.{' '}
          {post.checkoutUrl ? (
            <a href={post.checkoutUrl} target="_blank" rel="noreferrer" data-testid="bounty-pay-tip">
              Pay it on Stripe Checkout
            </a>
          ) : null}{' '}
          <span className="muted">It counts once Stripe confirms the payment to the relay.</span>
        </p>
      );
    case 'held':
      return <p className="fulfilment-line" data-testid="bounty-tip-status" data-tip-status="held">Tip {amount}: paid, held by the relay until release or refund.</p>;
    case 'released':
      return <p className="fulfilment-line" data-testid="bounty-tip-status" data-tip-status="released">Tip {amount}: released to the creator.</p>;
    case 'refunded':
      return <p className="fulfilment-line" data-testid="bounty-tip-status" data-tip-status="refunded">Tip {amount}: refunded to you.</p>;
    case 'failed':
      return <p className="fulfilment-line fulfilment-failed" data-testid="bounty-tip-status" data-tip-status="failed">Tip {amount}: the payment failed or the bounty expired unpaid.</p>;
    default:
      return <p className="fulfilment-line muted" data-testid="bounty-tip-status" data-tip-status="unknown">Tip {amount}: status unknown right now (sign in, or the relay is not answering).</p>;
  }
}
