import express, { type Express } from 'express';
import { API_PREFIX } from '../../../shared/routes.js';
import { buildCsp } from '../desktop/csp.js';
import type { HostContext } from '../host-context.js';
import { mcpHttpRouter } from '../mcp/http-transport.js';
import { RENDERER_DIR } from '../package-root.js';
import { errorHandler, mountRoutes } from './mount-routes.js';
import { apiKeyRoutes } from './routes/api-key-routes.js';
import { feedStatusRoutes } from './routes/feed-status-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { moderationRoutes } from './routes/moderation-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { providerRoutes } from './routes/provider-routes.js';
import { shaderDiscoveryRoutes } from './routes/shader-discovery-routes.js';
import { shaderRoutes } from './routes/shader-routes.js';
import { shotsRoutes } from './routes/shots-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { worldRoutes } from './routes/world-routes.js';
import { videoRoutes } from './routes/video-routes.js';
import { videoLiveloopRoutes } from './routes/video-liveloop-routes.js';
import { lanRoutes } from './routes/lan-routes.js';
import { videoPartyRoutes } from './routes/video-party-routes.js';
import { videoArcadeRoutes } from './routes/video-arcade-routes.js';
import { worldRoomColyseusHttp, worldRoomRoutes } from './routes/world-room-routes.js';
import { worldHostedRoutes } from './routes/world-hosted-routes.js';
import { communityRoutes } from './routes/community-routes.js';
import { communityPublishRoutes } from './routes/community-publish-routes.js';
import { communityBountyRoutes } from './routes/community-bounties-routes.js';
import { communityFeedRoutes } from './routes/community-feed-routes.js';
import { arcadeFrameSources } from '../video/arcade/arcade-runtime.js';
import { bearerFrom, hostOriginGuard, securityHeaders, sendError, tokenMatches } from './security.js';
import { staticRenderer } from './static-renderer.js';
import { WORLD_IMPORT_PATH, worldImportBody } from '../world/import-body-limit.js';

/** The host's HTTP surface: guards first, then the typed API, then the renderer. */
export function createApp(ctx: HostContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(hostOriginGuard(() => ctx.origin.port));
  app.use(securityHeaders(() => buildCsp(ctx.origin.url, { frameSources: arcadeFrameSources(ctx) })));

  app.use(`${API_PREFIX}/world-room/colyseus`, worldRoomColyseusHttp());
  const api = express.Router();
  api.use(WORLD_IMPORT_PATH, worldImportBody(() => ctx.origin.token));
  api.use(express.json({ limit: '2mb' }));
  mountRoutes(api, { ...systemRoutes(ctx), ...jobRoutes(ctx), ...mediaRoutes(ctx), ...providerRoutes(ctx), ...apiKeyRoutes(ctx), ...shaderRoutes(ctx), ...shaderDiscoveryRoutes(ctx), ...feedStatusRoutes(ctx), ...moderationRoutes(ctx), ...shotsRoutes(ctx), ...worldRoutes(ctx), ...videoRoutes(ctx), ...videoLiveloopRoutes(ctx), ...lanRoutes(ctx), ...videoPartyRoutes(ctx), ...videoArcadeRoutes(ctx), ...worldRoomRoutes(ctx), ...worldHostedRoutes(ctx), ...communityRoutes(ctx), ...communityPublishRoutes(ctx), ...communityBountyRoutes(ctx), ...communityFeedRoutes(ctx) }, { token: () => ctx.origin.token, logger: ctx.logger });
  // Unknown routes answer 404 only to callers holding the token, so the API's shape stays private.
  api.use((req, res) =>
    tokenMatches(bearerFrom(req), ctx.origin.token)
      ? sendError(res, 404, 'not_found', `No API route ${req.method} ${API_PREFIX}${req.path}`)
      : sendError(res, 401, 'unauthorized', 'Missing or wrong access token'),
  );
  api.use(errorHandler(ctx.logger));
  app.use(API_PREFIX, api);

  app.use('/mcp', mcpHttpRouter(ctx));
  app.use(staticRenderer(RENDERER_DIR));
  app.use(errorHandler(ctx.logger));
  return app;
}
