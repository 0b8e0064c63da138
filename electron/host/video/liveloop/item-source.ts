import { readFileSync } from 'node:fs';
import type { ChannelProfile, LiveSegment } from '../../../../shared/schemas/video-liveloop.js';
import type { Video } from '../../../../shared/schemas/video.js';
import { resolveFfmpegPath } from '../../../../worker/media/ffmpeg/locate.js';
import { parsePlaylist } from '../../../../worker/media/ffmpeg/playlist.js';
import { probeMedia } from '../../../../worker/media/ffmpeg/probe.js';
import type { VideoDeps } from '../deps.js';

/** An item's own HLS, ready to air as it is. */
export interface ReadySource {
  segments: LiveSegment[];
  bandwidth: number;
  captions: { mediaId: string; language: string } | null;
}

export type ItemSource = { kind: 'ready'; source: ReadySource } | { kind: 'normalize'; reason: string; inputPath: string };

/** `../<mediaId>/file` (how ingested playlists name their siblings) → the media id. */
const mediaIdOf = (uri: string): string | null => /^\.\.\/([^/]+)\/file$/.exec(uri)?.[1] ?? null;

/**
 * Decides how a library video airs on a channel: its stored HLS variant at the profile's height
 * when that variant is H.264 with AAC audio (probed on its first segment), else a normalised copy
 * made once by a video.normalize job from the final MP4.
 */
export async function itemSource(deps: Pick<VideoDeps, 'media'>, video: Video, profile: ChannelProfile): Promise<ItemSource> {
  const finalRow = video.final ? deps.media.get(video.final.mediaId) : undefined;
  const normalize = (reason: string): ItemSource => {
    if (!finalRow) throw new Error(`Video ${video.id} has neither a matching HLS stream nor a final MP4 to normalise`);
    return { kind: 'normalize', reason, inputPath: deps.media.absolutePath(finalRow) };
  };
  const read = (id: string | null) => {
    const row = id ? deps.media.get(id) : undefined;
    return row ? readFileSync(deps.media.absolutePath(row), 'utf8') : null;
  };
  const masterText = read(video.hlsMasterMediaId);
  if (!masterText) return normalize('it has no HLS package');
  const master = parsePlaylist(masterText);
  const heightOf = (attrs: Record<string, string>) => Number((attrs.RESOLUTION ?? '').split('x')[1] ?? 0);
  const variant = master.variants.find((v) => heightOf(v.attrs) === profile.height);
  if (!variant) return normalize(`it has no ${profile.height}p HLS variant`);
  const playlist = read(mediaIdOf(variant.uri));
  const parsed = playlist ? parsePlaylist(playlist) : null;
  if (!parsed || parsed.segments.length === 0) return normalize('its HLS variant playlist is missing');
  const segments: LiveSegment[] = [];
  for (const s of parsed.segments) {
    const mediaId = mediaIdOf(s.uri);
    if (!mediaId || !deps.media.get(mediaId)) return normalize('a segment of its HLS variant is missing');
    segments.push({ mediaId, ms: Math.max(1, Math.round(s.durationSec * 1000)) });
  }
  const first = deps.media.get(segments[0]!.mediaId)!;
  const info = await probeMedia(resolveFfmpegPath(), deps.media.absolutePath(first));
  if (info.video?.codec !== 'h264') return normalize(`its video is ${info.video?.codec ?? 'missing'}, not H.264`);
  if (info.audio?.codec !== 'aac') return normalize(info.audio ? `its audio is ${info.audio.codec}, not AAC` : 'it has no audio track');
  return { kind: 'ready', source: { segments, bandwidth: Number(variant.attrs.BANDWIDTH ?? 0) || 0, captions: captionsOf(master, read) } };
}

/** The package's caption file (its X-TIMESTAMP-MAP matches the item's own segments). */
function captionsOf(master: ReturnType<typeof parsePlaylist>, read: (id: string | null) => string | null): ReadySource['captions'] {
  const subs = master.media.find((m) => m.TYPE === 'SUBTITLES' && m.URI);
  if (!subs) return null;
  const text = read(mediaIdOf(subs.URI!));
  const vtt = text ? parsePlaylist(text).segments[0] : undefined;
  const mediaId = vtt ? mediaIdOf(vtt.uri) : null;
  return mediaId ? { mediaId, language: subs.LANGUAGE ?? 'und' } : null;
}
