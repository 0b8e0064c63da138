import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface MediaFile {
  path: string;
  mime: string;
}

/**
 * Where a media object's bytes are (media/<ab>/<sha>.<ext>), read from studio.db. Workers never
 * write the database; a read-only connection in WAL mode never blocks the host.
 */
export function resolveMediaFile(dataDir: string, mediaId: string): MediaFile {
  const db = new Database(join(dataDir, 'studio.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const row = db.prepare('select rel_path as relPath, mime from media_objects where id = ?').get(mediaId) as { relPath: string; mime: string } | undefined;
    if (!row) throw new Error(`No media object with id ${mediaId}`);
    const path = join(dataDir, 'media', row.relPath);
    if (!existsSync(path)) throw new Error(`Media object ${mediaId} is recorded but its file ${path} is missing`);
    return { path, mime: row.mime };
  } finally {
    db.close();
  }
}
