import type { LiveEntry, LiveProgram } from './program.js';
import { SLATE_MEDIA_ID } from './program.js';
import type { LiveTimeline } from './timeline.js';

/** Segments in the sliding window of a live media playlist (Apple asks for at least six). */
export const WINDOW_SEGMENTS = 6;

export interface WindowSegment {
  msn: number;
  disc: number;
  startMs: number;
  ms: number;
  mediaId: string;
  /** First segment of its entry: a discontinuity precedes it. */
  entryStart: boolean;
}

/** Target duration: the longest segment any ready item (or the slate) has, whole seconds. */
export function targetDurationSec(program: LiveProgram): number {
  let max = program.slateMs;
  for (const item of Object.values(program.items)) for (const s of item.segments) max = Math.max(max, s.ms);
  return Math.max(1, Math.round(max / 1000 + 0.4999));
}

/** The last WINDOW_SEGMENTS segments that have fully aired by `now` (as a live encoder would have published them). */
export function liveWindow(timeline: LiveTimeline, now: number, count = WINDOW_SEGMENTS): WindowSegment[] {
  const earliest = timeline.firstEpochMs();
  for (let lookback = 60_000; ; lookback *= 4) {
    const from = now - lookback;
    const segs = flatten(timeline.entries(from, now)).filter((s) => s.startMs + s.ms <= now);
    if (segs.length >= count || from <= earliest || lookback > 7 * 86_400_000) return segs.slice(-count);
  }
}

function flatten(entries: readonly LiveEntry[]): WindowSegment[] {
  const out: WindowSegment[] = [];
  for (const e of entries) {
    let t = e.startMs;
    for (const [i, s] of e.segments.entries()) {
      out.push({ msn: e.msn + i, disc: e.disc, startMs: t, ms: s.ms, mediaId: s.mediaId, entryStart: i === 0 });
      t += s.ms;
    }
  }
  return out;
}

/** Segment URI: the sequence number keeps URIs unique when an item repeats; the media id says which file. */
export function segmentUri(s: Pick<WindowSegment, 'msn' | 'mediaId'>): string {
  return `${s.msn}_${s.mediaId === SLATE_MEDIA_ID ? 'slate' : s.mediaId}.ts`;
}

/** RFC 8216 live media playlist (no ENDLIST): sequence numbers, discontinuities and PDT from the clock. */
export function mediaPlaylist(timeline: LiveTimeline, now: number): string {
  const program = timeline.current.program;
  const segs = liveWindow(timeline, now);
  const first = segs[0];
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', `#EXT-X-TARGETDURATION:${targetDurationSec(program)}`, '#EXT-X-INDEPENDENT-SEGMENTS'];
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${first?.msn ?? timeline.current.anchor.msnBase}`);
  // The discontinuity sequence counts the tags that slid out of the window: one less when the
  // first listed segment still carries its own tag.
  const tagged = (s: WindowSegment) => s.entryStart && s.disc > 0;
  lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${first ? first.disc - (tagged(first) ? 1 : 0) : timeline.current.anchor.discBase}`);
  for (const s of segs) {
    if (tagged(s)) lines.push('#EXT-X-DISCONTINUITY');
    if (s.entryStart || s === first) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.startMs).toISOString()}`);
    lines.push(`#EXTINF:${(s.ms / 1000).toFixed(3)},`, segmentUri(s));
  }
  return `${lines.join('\n')}\n`;
}

/** The one caption language every ready item has, or null (then the master offers no captions). */
export function commonCaptionLanguage(program: LiveProgram): string | null {
  const items = Object.values(program.items);
  if (items.length === 0) return null;
  const lang = items[0]!.captions?.language ?? null;
  return lang && items.every((i) => i.captions?.language === lang) ? lang : null;
}

/** Master playlist: one video+audio variant, a subtitles rendition only where every item has captions. */
export function masterPlaylist(program: LiveProgram): string {
  const lang = commonCaptionLanguage(program);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (lang) lines.push(`#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Captions",LANGUAGE="${lang}",DEFAULT=NO,AUTOSELECT=YES,URI="captions.m3u8"`);
  lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${Math.max(1, Math.ceil(program.bandwidth))}${lang ? ',SUBTITLES="subs"' : ''}`, 'media.m3u8');
  return `${lines.join('\n')}\n`;
}

/**
 * Live subtitles: one WebVTT per entry (the item's whole caption file, whose X-TIMESTAMP-MAP
 * ties it to that item's own timestamps; an empty one for slate and fillers without captions),
 * numbered by the entry's discontinuity number so the sequence is monotonic too.
 */
export function captionsPlaylist(timeline: LiveTimeline, now: number): string {
  const program = timeline.current.program;
  const segs = liveWindow(timeline, now);
  const from = segs[0]?.startMs ?? now;
  const entries = timeline.entries(from, now).filter((e) => e.endMs > from);
  const target = Math.max(targetDurationSec(program), ...entries.map((e) => Math.ceil((e.endMs - e.startMs) / 1000)));
  const first = entries[0];
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${first?.disc ?? 0}`, `#EXT-X-DISCONTINUITY-SEQUENCE:${first ? Math.max(0, first.disc - 1) : 0}`];
  for (const e of entries) {
    if (e.disc > 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(e.startMs).toISOString()}`);
    const cap = e.key ? program.items[e.key]?.captions : null;
    lines.push(`#EXTINF:${((e.endMs - e.startMs) / 1000).toFixed(3)},`, `${e.disc}_${cap ? cap.mediaId : 'slate'}.vtt`);
  }
  return `${lines.join('\n')}\n`;
}
