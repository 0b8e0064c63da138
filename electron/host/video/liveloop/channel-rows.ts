import { z } from 'zod';
import { API_PREFIX } from '../../../../shared/routes.js';
import { ChannelBlock, ChannelItem, ChannelProfile, FillerRules, ScheduleSlot, type Channel } from '../../../../shared/schemas/video-liveloop.js';
import { programItemMs, type LiveAnchor, type LiveProgram, type ProgramItem, type TimelinePiece } from '../../../../shared/video/liveloop/index.js';
import type { liveloopChannels } from '../../db/schema.js';

export type ChannelRow = typeof liveloopChannels.$inferSelect;

/** Length of the pre-encoded slate segment (slate.ts makes it exactly this long). */
export const SLATE_MS = 2000;

const iso = (ms: number) => new Date(ms).toISOString();

/** A JSON column read through its schema: a row written by an older build degrades to the fallback, never a 500. */
function json<T extends z.ZodType>(schema: T, value: unknown, fallback: z.infer<T>): z.infer<T> {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

const Anchor = z.object({ epochMs: z.number(), msnBase: z.number().int(), discBase: z.number().int(), resumeAfterKey: z.string().nullable() });

export const rowItems = (r: ChannelRow) => json(z.array(ChannelItem), r.items, []);
export const rowPlaylist = (r: ChannelRow) => json(z.array(z.string()), r.playlist, []);
export const rowBlocks = (r: ChannelRow) => json(z.array(ChannelBlock), r.blocks, []);
export const rowSchedule = (r: ChannelRow) => json(z.array(ScheduleSlot), r.schedule, []);
export const rowFillers = (r: ChannelRow) => json(FillerRules, r.fillers, FillerRules.parse({}));
export const rowProfile = (r: ChannelRow) => json(ChannelProfile, r.profile, ChannelProfile.parse({}));
export const rowAnchor = (r: ChannelRow): LiveAnchor => json(Anchor, r.anchor, { epochMs: r.createdAt, msnBase: 0, discBase: 0, resumeAfterKey: null });
/** Frozen earlier pieces: their programs are trusted as written (they are ours). */
export const rowHistory = (r: ChannelRow): TimelinePiece[] => (Array.isArray(r.history) ? (r.history as TimelinePiece[]) : []);

export function liveUrls(id: string): Channel['live'] {
  const base = `/channels/${encodeURIComponent(id)}/live`;
  return { master: `${base}/master.m3u8`, media: `${base}/media.m3u8` };
}
export const liveUrlUnderApi = (id: string) => `${API_PREFIX}${liveUrls(id).master}`;

/** The row as the API shows it; `progressOf` reads a normalising item's job progress. */
export function toChannel(r: ChannelRow, progressOf: (jobId: string) => number | null): Channel {
  return {
    id: r.id,
    name: r.name,
    isDefault: r.isDefault,
    loopMode: r.loopMode,
    shuffle: r.shuffle,
    timezone: r.timezone,
    profile: rowProfile(r),
    items: rowItems(r).map((i) => (i.state === 'normalizing' && i.jobId ? { ...i, progress: progressOf(i.jobId) ?? i.progress } : i)),
    playlist: rowPlaylist(r),
    blocks: rowBlocks(r),
    schedule: rowSchedule(r),
    fillers: rowFillers(r),
    live: liveUrls(r.id),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** What the generator airs from the row's current config: only items that are ready. */
export function programOf(r: ChannelRow): LiveProgram {
  const items: Record<string, ProgramItem> = {};
  let bandwidth = 0;
  for (const i of rowItems(r)) {
    if (i.state !== 'ready' || i.segments.length === 0) continue;
    items[i.key] = { key: i.key, videoId: i.videoId, title: i.title, segments: i.segments, ms: programItemMs(i.segments), captions: i.captions };
    bandwidth = Math.max(bandwidth, i.bandwidth);
  }
  return {
    channelId: r.id,
    loopMode: r.loopMode,
    shuffle: r.shuffle,
    timezone: r.timezone,
    items,
    playlist: rowPlaylist(r),
    blocks: rowBlocks(r),
    schedule: rowSchedule(r),
    fillers: rowFillers(r),
    slateMs: SLATE_MS,
    bandwidth: bandwidth || 1_000_000,
  };
}

/** Every piece of the row's timeline: the frozen history, then the current config from its anchor. */
export function piecesOf(r: ChannelRow): TimelinePiece[] {
  return [...rowHistory(r), { program: programOf(r), anchor: rowAnchor(r), untilMs: null }];
}
