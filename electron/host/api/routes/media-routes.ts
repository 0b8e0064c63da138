import { desc } from 'drizzle-orm';
import { mediaObjects } from '../../db/schema.js';
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
        .map((m) => ({
          id: m.id,
          sha256: m.sha256,
          mime: m.mime,
          bytes: m.bytes,
          originalName: m.originalName,
          provider: m.provider,
          model: m.model,
          jobId: m.jobId,
          createdAt: new Date(m.createdAt).toISOString(),
        })),
    }),
  };
}
