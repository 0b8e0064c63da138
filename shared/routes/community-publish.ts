import { CommunityPublishBody } from '../jobs/community-publish.js';
import { CommunityPublicationList, CommunityPublicationParams, CommunityPublicationsQuery, CommunityUnpublished } from '../schemas/community-publish.js';
import { Job } from '../schemas/jobs.js';
import type { RouteSpec } from './route-spec.js';

/** "Publish to community" on a shader, a library video or a world prefab, and the studio's record of what it published. */
export const COMMUNITY_PUBLISH_ROUTES = {
  'community.publish': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/publish', body: CommunityPublishBody, response: Job, status: 202,
    summary:
      'Queue a community.publish job that uploads a shader, a finished video or a world prefab with its thumbnail, preview and provenance to the signed-in relay (a relay that is down is retried); 409 when no relay is set, nobody is signed in, or it is already published there; the job already queued for it is answered again',
  },
  'community.publications': {
    auth: 'token', tag: 'community', method: 'get', path: '/community/publications', query: CommunityPublicationsQuery, response: CommunityPublicationList,
    summary: 'What this studio published (or is publishing) to community relays, filtered by kind and local id: relay item, when, and the last publish job',
  },
  'community.publications.delete': {
    auth: 'token', tag: 'community', method: 'delete', path: '/community/publications/:id', params: CommunityPublicationParams, response: CommunityUnpublished,
    summary:
      'Remove a published item from the relay (as its author) and forget the record, so it can be published again; 409 while its publish job runs or when it went to another relay than the one signed in',
  },
} as const satisfies Record<string, RouteSpec>;
