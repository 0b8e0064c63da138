import type { GuideEntry, NowPlaying } from '../../schemas/video-liveloop.js';
import type { LiveEntry, LiveProgram } from './program.js';
import type { LiveTimeline } from './timeline.js';

const SLATE_TITLE = 'Off air';

function toGuide(e: LiveEntry, program: LiveProgram): GuideEntry {
  const item = e.key ? program.items[e.key] : undefined;
  return {
    start: new Date(e.startMs).toISOString(),
    end: new Date(e.endMs).toISOString(),
    kind: e.kind,
    itemKey: e.key,
    videoId: item?.videoId ?? null,
    title: item?.title ?? SLATE_TITLE,
    slotId: e.slotId,
  };
}

/** Consecutive slate segments (and an item cut by an edit then resumed) read as one guide line. */
function merge(entries: GuideEntry[]): GuideEntry[] {
  const out: GuideEntry[] = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (last && e.kind === 'slate' && last.kind === 'slate' && last.end === e.start && last.slotId === e.slotId) last.end = e.end;
    else out.push({ ...e });
  }
  return out;
}

/** The guide (EPG) between two instants. Each piece's program names its own items. */
export function guide(timeline: LiveTimeline, fromMs: number, toMs: number): GuideEntry[] {
  return merge(timeline.entries(fromMs, toMs).map((e) => toGuide(e, timeline.programAt(e.startMs))));
}

/** What is on air at `at`, how far into it, and what comes next (slate runs merged). */
export function nowPlaying(timeline: LiveTimeline, at: number, channel: { id: string; name: string }): NowPlaying {
  // Look far enough ahead to find the next non-slate line (or give up after a day of slate).
  let entries: GuideEntry[] = [];
  for (const span of [3_600_000, 86_400_000]) {
    entries = guide(timeline, at, at + span);
    if (entries.length > 1) break;
  }
  const current = entries[0]!;
  const next = entries[1] ?? null;
  return {
    channelId: channel.id,
    channelName: channel.name,
    at: new Date(at).toISOString(),
    current,
    offsetSec: Math.max(0, (at - Date.parse(current.start)) / 1000),
    next,
    offAir: current.kind === 'slate',
  };
}
