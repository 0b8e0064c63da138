/** Reading and rewriting HLS playlists (RFC 8216): media playlists, master playlists, URIs. */

export interface PlaylistSegment {
  uri: string;
  durationSec: number;
}

export interface PlaylistVariant {
  uri: string;
  attrs: Record<string, string>;
}

export interface ParsedPlaylist {
  segments: PlaylistSegment[];
  variants: PlaylistVariant[];
  /** EXT-X-MEDIA renditions (subtitles, alternative audio). */
  media: Record<string, string>[];
  targetDurationSec: number | null;
  ended: boolean;
}

/** `BANDWIDTH=1,CODECS="a,b",RESOLUTION=640x360` → record (quoted values unquoted). */
export function parseAttributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return out;
}

export function parsePlaylist(text: string): ParsedPlaylist {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('Not an HLS playlist (no #EXTM3U)');
  const out: ParsedPlaylist = { segments: [], variants: [], media: [], targetDurationSec: null, ended: false };
  let pendingDuration: number | null = null;
  let pendingVariant: Record<string, string> | null = null;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    if (line.startsWith('#EXTINF:')) pendingDuration = Number.parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-STREAM-INF:')) pendingVariant = parseAttributes(line.slice(18));
    else if (line.startsWith('#EXT-X-MEDIA:')) out.media.push(parseAttributes(line.slice(13)));
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) out.targetDurationSec = Number(line.slice(22));
    else if (line === '#EXT-X-ENDLIST') out.ended = true;
    else if (!line.startsWith('#')) {
      if (pendingVariant) out.variants.push({ uri: line, attrs: pendingVariant });
      else if (pendingDuration !== null) out.segments.push({ uri: line, durationSec: pendingDuration });
      pendingVariant = null;
      pendingDuration = null;
    }
  }
  return out;
}

/** Rewrites every URI (segment and variant lines, and URI="…" attributes) through `map`. */
export function rewritePlaylistUris(text: string, map: (uri: string) => string): string {
  return text
    .split('\n')
    .map((line) => {
      const t = line.trim();
      if (!t) return line;
      if (!t.startsWith('#')) return map(t);
      return line.replace(/URI="([^"]+)"/g, (_, uri: string) => `URI="${map(uri)}"`);
    })
    .join('\n');
}

export function formatAttributes(attrs: Record<string, string | number>): string {
  // Per RFC 8216 §4.2 these are quoted-string attributes; the rest are enumerated or numeric.
  const quoted = new Set(['CODECS', 'URI', 'GROUP-ID', 'NAME', 'LANGUAGE', 'SUBTITLES', 'AUDIO', 'CLOSED-CAPTIONS']);
  return Object.entries(attrs)
    .map(([k, v]) => (quoted.has(k) && v !== 'NONE' ? `${k}="${v}"` : `${k}=${v}`))
    .join(',');
}
