import type { HostContext } from '../../host-context.js';
import { ModerationService } from '../../moderation/moderation-service.js';
import type { RouteHandlers } from '../mount-routes.js';

export function moderationRoutes(ctx: HostContext): RouteHandlers {
  const moderation = new ModerationService(ctx);
  return {
    'admin.queue': () => ({ items: moderation.list() }),
    'admin.approve': ({ params }) => moderation.approve(params.id),
    'admin.reject': ({ params, body }) => moderation.reject(params.id, body.reason),
  };
}
