import type { BountyDesire } from '../../../../shared/schemas/community-bounties.js';
import { bountiesFor } from '../../community/bounties-service.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** What an agent needs of a board desire (money in cents; held = paid and waiting for release or refund). */
const brief = (d: BountyDesire) => ({
  id: d.id,
  prompt: d.promptText,
  author: d.author.username,
  status: d.status,
  heat: Number(d.heatScore.toFixed(4)),
  heldTipCents: d.heldTipCents,
  fulfilledByItemId: d.fulfilledByItemId,
  releaseAt: d.releaseAt,
  expiresAt: d.expiresAt,
  mine: d.mine,
  ...(d.post ? { postedFromHere: { localDesireId: d.post.desireId, tipCents: d.post.tipCents, tipStatus: d.post.tipStatus, checkoutUrl: d.post.checkoutUrl } } : {}),
});

/**
 * The relay bounty board (issue 14) for agents: read it, post a local desire to it, fulfil one
 * with a shader. Accepting or rejecting a fulfilment moves money, so it stays with the person in
 * the studio's Bounty board.
 */
export function registerCommunityBountyTools(d: ToolDeps): void {
  registerTool(
    d.server,
    'community_bounties',
    {
      title: 'Read the community bounty board',
      description:
        "Lists desires on the community relay's bounty board, hottest first (heat = similar wishes × recency): open ones by default, or fulfilled. Each has its held tip total in cents (only paid tips count), and `mine` / `postedFromHere` for the signed-in user's own. Works signed out; fails clearly when no relay is set or it is unreachable.",
    },
    d,
    async (args) => {
      const board = await bountiesFor(d.core).board({ status: args.status, limit: args.limit, ...(args.has_tip === undefined ? {} : { hasTip: args.has_tip ? 'true' : 'false' }) });
      return jsonResult({ relayUrl: board.relayUrl, signedIn: board.signedIn, desires: board.desires.map(brief) });
    },
  );
  registerTool(
    d.server,
    'community_bounty_post',
    {
      title: 'Post a desire to the community bounty board',
      description:
        "Posts a local desire (get_desire_queue) to the relay's bounty board as the signed-in user; needs a Pro or Studio relay plan. With tip_cents the relay answers a Stripe Checkout page the owner must open to pay: the tip stays pending_payment (not counted) until Stripe confirms, so say so rather than calling it paid. Refused when it is already posted there.",
    },
    d,
    async (args) => {
      const out = await bountiesFor(d.core).post({ desireId: args.desire_id, ...(args.tip_cents ? { tipCents: args.tip_cents } : {}), ...(args.ttl_days ? { ttlDays: args.ttl_days } : {}) });
      return jsonResult({ desire: brief(out.desire), ...(out.desire.post?.checkoutUrl ? { payTipAt: out.desire.post.checkoutUrl } : {}) });
    },
  );
  registerTool(
    d.server,
    'community_bounty_fulfil',
    {
      title: 'Fulfil a community bounty with a shader',
      description:
        "Answers a bounty-board desire (community_bounties) with one of the studio's shaders as the signed-in user (Pro or Studio plan; not your own desire). The shader must be on the relay: with publish_first (default) an unpublished one is published first through the community.publish job and waited for. Held tips go to you 48 h later unless the poster says it is not what they wanted.",
    },
    d,
    async (args, env) => {
      const out = await bountiesFor(d.core).fulfil(args.desire_id, { shaderId: args.shader_id, publishFirst: args.publish_first }, env.signal);
      return jsonResult({ desire: brief(out.desire) });
    },
  );
}
