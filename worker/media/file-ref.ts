import { statSync } from 'node:fs';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import type { ProviderId } from '../../shared/schemas/providers.js';

const MIME: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  jpg: 'image/jpeg',
  png: 'image/png',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
};

/** A produced file with its provenance, for the kind's host hook to ingest. */
export function fileRef(path: string, provider: ProviderId, model: string): MediaFileRef {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return { path, mediaId: null, mime: MIME[ext] ?? 'application/octet-stream', bytes: statSync(path).size, provider, model };
}
