import { bountiesFor } from '../../community/bounties-service.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** The relay bounty board (shared/routes/community-bounties.ts). */
export function communityBountyRoutes(ctx: HostContext): RouteHandlers {
  const bounties = () => bountiesFor(ctx);
  return {
    'community.bounties': ({ query }) => bounties().board(query),
    'community.bountyPosts': () => bounties().posts(),
    'community.bountyPost': ({ body }) => bounties().post(body),
    'community.bountyFulfil': ({ params, body }) => bounties().fulfil(params.id, body),
    'community.bountyAccept': ({ params }) => bounties().accept(params.id),
    'community.bountyReject': ({ params }) => bounties().reject(params.id),
  };
}
