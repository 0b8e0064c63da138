import { readFileSync } from 'node:fs';
import type { MediaStore } from '../../media/media-store.js';

const REF = /^\.\.\/([A-Za-z0-9_-]{1,64})\/file$/;
const isPlaylist = (mime: string) => /mpegurl/i.test(mime);

/** Every URI a playlist names: plain lines and URI="…" attributes (audio, subtitles, keys, maps). */
export function playlistUris(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (!l) continue;
    if (!l.startsWith('#')) out.push(l);
    else for (const m of l.matchAll(/URI="([^"]+)"/g)) out.push(m[1]!);
  }
  return out;
}

/**
 * The media ids a library video's HLS package is made of, walked from its master playlist.
 * Guests may fetch exactly these through the party scope — never another media file.
 */
export function hlsPackageIds(media: MediaStore, masterId: string): Set<string> {
  const ids = new Set<string>();
  const walk = (id: string) => {
    if (ids.has(id) || ids.size > 10_000) return;
    const row = media.get(id);
    if (!row) return;
    ids.add(id);
    if (!isPlaylist(row.mime) && !/\.m3u8$/i.test(row.originalName ?? '')) return;
    for (const uri of playlistUris(readFileSync(media.absolutePath(row), 'utf8'))) {
      const m = REF.exec(uri);
      if (m) walk(m[1]!);
    }
  };
  walk(masterId);
  return ids;
}
