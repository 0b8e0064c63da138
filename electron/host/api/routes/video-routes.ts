import type { HostContext } from '../../host-context.js';
import { videoServices } from '../../video/services.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Video studio routes (shared/routes/video.ts) over the Video services. */
export function videoRoutes(ctx: HostContext): RouteHandlers {
  const svc = videoServices(ctx);
  return {
    'videos.create': ({ body }) => svc.videos.create(body),
    'videos.list': ({ query }) => svc.reader.list(query),
    'videos.get': ({ params }) => svc.reader.get(params.id),
    'videos.update': ({ params, body }) => svc.videos.update(params.id, body),
    'videos.delete': ({ params }) => svc.videos.delete(params.id),
    'videos.script.put': ({ params, body }) => svc.videos.putScript(params.id, body),
    'videos.scenes.update': ({ params, body }) => svc.videos.updateScene(params.id, params.sceneId, body),
    'videos.render': ({ params, body }) => svc.pipeline.render(params.id, body.from),
    'videos.languages.add': ({ params, body }) => svc.pipeline.queueTranslate(svc.reader.row(params.id), body.language, body.voice),
    'videos.publish': ({ params, body }) => svc.videos.publish(params.id, body.published),
    'videos.export': ({ params, res }) => svc.videos.exportMp4(params.id, res),
    'video.wiki': ({ query }) => svc.wiki.summary(query.entity),
  };
}
