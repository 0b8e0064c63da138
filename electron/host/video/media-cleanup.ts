import { rmSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { mediaObjects, videoVideos } from '../db/schema.js';
import type { VideoDeps } from './deps.js';

/**
 * Removes a deleted video's media objects (row and file). The store is content-addressed, so the
 * same bytes may belong to another video (an unchanged poster, a shared segment) or to another
 * studio's row: those are kept. Another video is checked through its media_ids; other studios'
 * references are foreign keys, so a refused delete means shared too.
 */
export function removeVideoMedia(deps: Pick<VideoDeps, 'database' | 'media' | 'logger'>, mediaIds: readonly string[]): { removed: number; kept: number } {
  const { db } = deps.database;
  let removed = 0;
  let kept = 0;
  for (const id of new Set(mediaIds)) {
    const row = deps.media.get(id);
    if (!row) continue;
    const usedByVideo = db
      .select({ id: videoVideos.id })
      .from(videoVideos)
      .where(sql`EXISTS (SELECT 1 FROM json_each(${videoVideos.mediaIds}) WHERE json_each.value = ${id})`)
      .get();
    if (usedByVideo) {
      kept++;
      continue;
    }
    try {
      db.delete(mediaObjects).where(eq(mediaObjects.id, id)).run();
    } catch (err) {
      if (/FOREIGN KEY/i.test((err as Error).message)) {
        kept++;
        continue;
      }
      throw err;
    }
    try {
      rmSync(deps.media.absolutePath(row), { force: true });
    } catch (err) {
      deps.logger.warn(`video media ${id}: row deleted but the file stayed: ${(err as Error).message}`);
    }
    removed++;
  }
  return { removed, kept };
}
