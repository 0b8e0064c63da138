import type { HostContext } from '../../host-context.js';
import { feedStatus } from '../../shaders/feed-status.js';
import type { RouteHandlers } from '../mount-routes.js';

/** GET /feed/status (shared/routes/feed-status.ts). */
export function feedStatusRoutes(ctx: HostContext): RouteHandlers {
  return { 'feed.status': () => feedStatus(ctx, ctx.ownerUserId) };
}
