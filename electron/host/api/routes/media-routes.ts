import { desc } from 'drizzle-orm';
import { mediaObjects } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { toMediaObject } from '../../media/media-store.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

export function mediaRoutes(ctx: HostContext): RouteHandlers {
  return {
    'media.list': ({ query }) => ({
      media: ctx.database.db
        .select()
        .from(mediaObjects)
        .orderBy(desc(mediaObjects.createdAt))
        .limit(query.limit)
        .all()
        .map(toMediaObject),
    }),
    'media.file': ({ params, res }) => {
      const row = ctx.media.get(params.id);
      if (!row) throw notFound(`Media ${params.id}`);
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      res.type(row.mime).sendFile(ctx.media.absolutePath(row));
    },
  };
}
