import { readFileSync, writeFileSync } from 'node:fs';
import type { MediaFileRef } from '../../../shared/schemas/media-file.js';
import { rewritePlaylistUris } from '../../../worker/media/ffmpeg/playlist.js';
import type { JobRow } from '../jobs/job-row.js';
import { ingestRef } from '../media/media-hooks.js';
import type { VideoDeps } from './deps.js';

type Core = Pick<VideoDeps, 'hooks' | 'media' | 'dataDir'>;

/**
 * An HLS package (or the new files of a dub) into the media store: segments and captions first,
 * then playlists with the URIs they name rewritten to `../<mediaId>/file`, the master last, so
 * it plays from /api/v1/media/<masterId>/file. URIs not in `files` (the already-ingested lines
 * of an extended master) stay as they are. Returns the master's media id and every new id.
 */
export async function ingestHlsFiles(
  core: Core,
  job: JobRow,
  master: MediaFileRef,
  files: readonly { name: string; ref: MediaFileRef }[],
): Promise<{ masterId: string; ids: Map<string, string>; all: string[] }> {
  const ids = new Map<string, string>();
  const mapUri = (uri: string) => {
    const id = ids.get(uri);
    return id ? `../${id}/file` : uri;
  };
  const ordered = [...files.filter((f) => !f.name.endsWith('.m3u8')), ...files.filter((f) => f.name.endsWith('.m3u8'))];
  for (const f of ordered) {
    if (f.name.endsWith('.m3u8') && f.ref.path) writeFileSync(f.ref.path, rewritePlaylistUris(readFileSync(f.ref.path, 'utf8'), mapUri));
    const ref = await ingestRef(core, job, f.ref, { role: 'video-hls', name: f.name });
    if (!ref.mediaId) throw new Error(`${job.kind}: ${f.name} was not stored`);
    ids.set(f.name, ref.mediaId);
  }
  if (master.path) writeFileSync(master.path, rewritePlaylistUris(readFileSync(master.path, 'utf8'), mapUri));
  const m = await ingestRef(core, job, master, { role: 'video-hls-master' });
  if (!m.mediaId) throw new Error(`${job.kind}: the HLS master was not stored`);
  return { masterId: m.mediaId, ids, all: [...ids.values(), m.mediaId] };
}
