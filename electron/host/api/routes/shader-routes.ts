import type { Response } from 'express';
import { AppError, notFound } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import { shaderServices } from '../../shaders/services.js';
import type { ShaderRow } from '../../shaders/shader-rows.js';
import type { RouteHandlers } from '../mount-routes.js';

type MediaColumn = 'thumbnailMediaId' | 'previewMediaId' | 'previewMp4MediaId';

/** Shader library routes (shared/routes/shaders.ts) over the Shaders studio services. */
export function shaderRoutes(ctx: HostContext): RouteHandlers {
  const svc = shaderServices(ctx);

  /** Streams a rendered file, or 404 saying why there is none yet. */
  const stream = (id: string, column: MediaColumn, what: string, res: Response) => {
    const row: ShaderRow = svc.shaders.row(id);
    const mediaId = row[column];
    if (!mediaId) {
      const why =
        column === 'previewMp4MediaId' && row.renderStatus === 'ready'
          ? `no MP4 was rendered; POST /api/v1/shaders/${id}/render with {"preview":"mp4"} makes one`
          : row.renderStatus === 'failed'
            ? `its render failed: ${row.renderError ?? 'unknown reason'}`
            : row.renderStatus === 'ready'
              ? 'the render produced none'
              : `it is not rendered yet (render ${row.renderStatus})`;
      throw new AppError(404, 'not_rendered', `Shader "${row.title}" has no ${what}: ${why}`);
    }
    const media = ctx.media.get(mediaId);
    if (!media) throw notFound(`The ${what} file of shader ${id} (media ${mediaId})`);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.type(media.mime).sendFile(ctx.media.absolutePath(media));
  };

  return {
    'shaders.list': ({ query }) => svc.queries.list(query),
    'shaders.tags': ({ query }) => ({ tags: svc.queries.tags(query.limit) }),
    'shaders.import': ({ body }) => svc.shadertoy.import(body),
    'shaders.get': ({ params }) => svc.shaders.get(params.id),
    'shaders.create': ({ body }) => svc.shaders.create(body),
    'shaders.update': ({ params, body }) => svc.shaders.update(params.id, body),
    'shaders.delete': ({ params }) => {
      svc.shaders.delete(params.id);
      return { ok: true as const };
    },
    'shaders.fork': ({ params, body }) => svc.shaders.fork(params.id, body.title),
    'shaders.publish': ({ params }) => svc.shaders.publish(params.id),
    'shaders.render': ({ params, body }) => svc.shaders.rerender(params.id, body.preview),
    'shaders.export': ({ params, res }) => {
      res.setHeader('Content-Disposition', `attachment; filename="${params.id.replace(/[^\w-]/g, '_')}.shadertoy.json"`);
      return svc.shadertoy.export(params.id);
    },
    'shaders.vote': ({ params, body }) => svc.votes.vote(params.id, body.value),
    'shaders.unvote': ({ params }) => svc.votes.unvote(params.id),
    'shaders.replay': ({ params, body }) => svc.engagement.replay(params.id, undefined, body.sessionId ?? null),
    'shaders.comments': ({ params }) => ({ comments: svc.comments.list(params.id) }),
    'shaders.comment': ({ params, body }) => svc.comments.create(params.id, body),
    'shaders.thumbnail': ({ params, res }) => stream(params.id, 'thumbnailMediaId', 'thumbnail', res),
    'shaders.previewWebm': ({ params, res }) => stream(params.id, 'previewMediaId', 'WebM preview', res),
    'shaders.previewMp4': ({ params, res }) => stream(params.id, 'previewMp4MediaId', 'MP4 preview', res),
  };
}
