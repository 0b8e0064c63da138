import { listPublications, queuePublish, unpublish } from '../../community/publish-jobs.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** POST /community/publish, GET and DELETE /community/publications (shared/routes/community-publish.ts). */
export function communityPublishRoutes(ctx: HostContext): RouteHandlers {
  return {
    'community.publish': ({ body }) => queuePublish(ctx, body),
    'community.publications': ({ query }) => listPublications(ctx, query),
    'community.publications.delete': ({ params }) => unpublish(ctx, params.id),
  };
}
