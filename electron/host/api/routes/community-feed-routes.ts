import { openCommunityShader } from '../../community/feed-open.js';
import { streamCommunityMedia } from '../../community/feed-media.js';
import { communityFeedFor } from '../../community/feed-service.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** The Community tab (shared/routes/community-feed.ts): feed, item, votes, comments, media, open in editor. */
export function communityFeedRoutes(ctx: HostContext): RouteHandlers {
  const feed = () => communityFeedFor(ctx);
  return {
    'community.feed': ({ query }) => feed().feed(query),
    'community.item': ({ params }) => feed().item(params.id),
    'community.vote': ({ params, body }) => feed().vote(params.id, body.value),
    'community.unvote': ({ params }) => feed().unvote(params.id),
    'community.comment': ({ params, body }) => feed().comment(params.id, body),
    'community.thumbnail': ({ params, req, res }) => streamCommunityMedia(ctx, params.id, 'thumbnail', req, res),
    'community.preview': ({ params, req, res }) => streamCommunityMedia(ctx, params.id, 'preview', req, res),
    'community.open': async ({ params, res }) => {
      const opened = await openCommunityShader(ctx, params.id);
      if (!opened.created) res.locals.status = 200;
      return opened;
    },
  };
}
