import { CommunityPublishInput } from '../jobs/community-publish.js';
import { Job } from '../schemas/jobs.js';
import type { RouteSpec } from './route-spec.js';

/** "Publish to community" on a shader: queues a community.publish job (409 first when not signed in). */
export const COMMUNITY_PUBLISH_ROUTES = {
  'community.publish': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/publish', body: CommunityPublishInput, response: Job, status: 202,
    summary: 'Queue a community.publish job that uploads a shader with its thumbnail, preview and provenance to the signed-in relay; 409 when no relay is set or nobody is signed in',
  },
} as const satisfies Record<string, RouteSpec>;
