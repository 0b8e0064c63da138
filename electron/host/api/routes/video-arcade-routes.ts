import type { HostContext } from '../../host-context.js';
import { arcadeOf } from '../../video/arcade/arcade-runtime.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Arcade routes (shared/routes/video-arcade.ts) over the running arcade. */
export function videoArcadeRoutes(ctx: HostContext): RouteHandlers {
  return {
    'arcade.games.list': () => {
      const { service, origin } = arcadeOf(ctx);
      return { games: service.list(), arcadeOrigin: origin.url };
    },
    'arcade.games.upload': ({ req, query }) => arcadeOf(ctx).service.upload(req, query),
    'arcade.games.get': ({ params }) => arcadeOf(ctx).service.get(params.id),
    'arcade.games.delete': ({ params }) => arcadeOf(ctx).service.delete(params.id),
  };
}
