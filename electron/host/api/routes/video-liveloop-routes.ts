import type { HostContext } from '../../host-context.js';
import { liveHlsHandler } from '../../video/liveloop/live-handler.js';
import { liveloopService } from '../../video/liveloop/services.js';
import type { RouteHandlers } from '../mount-routes.js';

/** LiveLoop routes (shared/routes/video-liveloop.ts): channels, items, schedule, guide, live HLS behind the API token. */
export function videoLiveloopRoutes(ctx: HostContext): RouteHandlers {
  const svc = liveloopService(ctx);
  const live = liveHlsHandler(ctx);
  return {
    'channels.list': () => ({ channels: svc.list() }),
    'channels.create': ({ body }) => svc.create(body),
    'channels.get': ({ params }) => svc.get(params.id),
    'channels.update': ({ params, body }) => svc.update(params.id, body),
    'channels.delete': ({ params }) => svc.delete(params.id),
    'channels.items.add': ({ params, body }) => svc.addItem(params.id, body),
    'channels.items.remove': ({ params }) => svc.removeItem(params.id, params.key),
    'channels.items.reorder': ({ params, body }) => svc.reorder(params.id, body.playlist),
    'channels.schedule.put': ({ params, body }) => svc.putSchedule(params.id, body.slots),
    'channels.guide': ({ params, query }) => svc.guide(params.id, query.from, query.to),
    'channels.now': ({ params }) => svc.nowPlaying(params.id),
    'channels.preview': ({ params, query }) => svc.nowPlaying(params.id, query.at),
    'channels.live': ({ params, res }) => live(params.id, params.name, res),
  };
}
