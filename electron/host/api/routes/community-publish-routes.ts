import { queueShaderPublish } from '../../community/publish-shader.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** POST /community/publish (shared/routes/community-publish.ts). */
export function communityPublishRoutes(ctx: HostContext): RouteHandlers {
  return {
    'community.publish': ({ body }) => queueShaderPublish(ctx, body.shaderId),
  };
}
