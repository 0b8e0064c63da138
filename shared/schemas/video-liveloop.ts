import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/**
 * LiveLoop (seed 002 "LiveLoop is just a playlist + HLS server"): channels of library videos
 * played as a live HLS stream computed from the wall clock. A channel's timeline is a pure
 * function of its stored config, its anchor and the instant (shared/video/liveloop/), so every
 * viewer sees the same moment and a host restart resumes where the clock says.
 */

/** "HH:MM" local time of the channel's time zone; "24:00" only as an end. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a local time like 18:00').refine((s) => s <= '24:00', 'a time of day up to 24:00');
export const Weekday = z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday');

/** The encoding every on-air item must match (a live stream cannot switch codecs mid-playlist safely). */
export const ChannelProfile = z
  .object({
    height: z.number().int().min(144).max(2160).default(720).describe('Video height of the stream (the variant used, or the normalised one)'),
    videoCodec: z.literal('h264').default('h264'),
    audioCodec: z.literal('aac').default('aac').describe('Every item carries AAC audio (silence is added where an item has none)'),
    segmentSec: z.number().int().min(2).max(10).default(4).describe('Target segment length used when normalising'),
  })
  .strict();
export type ChannelProfile = z.infer<typeof ChannelProfile>;

/** Where an item stands on its way to air. */
export const ChannelItemState = z.enum(['ready', 'normalizing', 'failed', 'missing']);
export type ChannelItemState = z.infer<typeof ChannelItemState>;

/** One media segment of an item's stream (a media-store file), duration in integer milliseconds. */
export const LiveSegment = z.object({ mediaId: Id, ms: z.number().int().min(1) });
export type LiveSegment = z.infer<typeof LiveSegment>;

export const ChannelItem = z.object({
  /** Stable per entry in this channel (the same video may appear twice). */
  key: Id,
  videoId: Id,
  title: z.string(),
  state: ChannelItemState,
  /** Why it is not on air: the normalisation error, or 'deleted from the library'. */
  error: z.string().nullable(),
  /** The video.normalize job while normalizing (or the one that failed). */
  jobId: Id.nullable(),
  progress: z.number().min(0).max(1),
  durationMs: z.number().int().min(0),
  /** True when the item's own HLS matched the profile; false when a normalised copy is used. */
  original: z.boolean(),
  /** WebVTT caption file (media id) and its language, when the item has captions. */
  captions: z.object({ mediaId: Id, language: z.string() }).nullable(),
  /** The segments that go on air (empty until ready). */
  segments: z.array(LiveSegment),
  /** Peak bits per second of those segments (the master playlist's BANDWIDTH). */
  bandwidth: z.number().int().min(0),
});
export type ChannelItem = z.infer<typeof ChannelItem>;

/** What a schedule slot plays: one item, or a named block (an ordered list of items). */
export const SlotContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), itemKey: Id.describe('ChannelItem.key') }),
  z.object({ kind: z.literal('block'), block: z.string().trim().min(1).max(80) }),
]);
export type SlotContent = z.infer<typeof SlotContent>;

export const ScheduleSlot = z
  .object({
    id: z.string().trim().min(1).max(64),
    title: z.string().trim().max(120).default(''),
    days: z.array(Weekday).min(1, 'a slot needs at least one day').max(7),
    start: LocalTime,
    end: LocalTime,
    content: SlotContent,
    /**
     * Pinned: starts exactly at `start` (what plays before is cut short and the gap filled from
     * the filler pool, then the slate). Not pinned: starts once the entry on air finishes.
     */
    pinned: z.boolean().default(true),
  })
  .strict();
export type ScheduleSlot = z.infer<typeof ScheduleSlot>;

export const ChannelBlock = z.object({ name: z.string().trim().min(1).max(80), itemKeys: z.array(Id).max(500) }).strict();
export type ChannelBlock = z.infer<typeof ChannelBlock>;

export const FillerRules = z
  .object({
    /** Insert `interstitialKey` after every N playlist items (counted within one pass); null = off. */
    interstitialEvery: z.number().int().min(1).max(100).nullable().default(null),
    interstitialKey: Id.nullable().default(null),
    /** Items that fill the gap before a pinned slot (first that fits, rotating), then the slate. */
    fillerPool: z.array(Id).max(100).default([]),
  })
  .strict();
export type FillerRules = z.infer<typeof FillerRules>;

export const LoopMode = z.enum(['loop', 'once']).describe('loop: the playlist repeats forever; once: one pass, then the slate');

export const Channel = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  loopMode: LoopMode,
  /** Reshuffled every pass, seeded by channel id + pass number (same order in every process). */
  shuffle: z.boolean(),
  /** IANA zone the schedule's local times are in. */
  timezone: z.string(),
  profile: ChannelProfile,
  /** The playlist, in play order. Filler/interstitial/block items are items of the channel too. */
  items: z.array(ChannelItem),
  /** Keys of items in `items` that the base playlist plays (fillers/interstitials may be excluded). */
  playlist: z.array(Id),
  blocks: z.array(ChannelBlock),
  schedule: z.array(ScheduleSlot),
  fillers: FillerRules,
  /** Live stream paths (relative to the API root) for this channel. */
  live: z.object({ master: z.string(), media: z.string() }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Channel = z.infer<typeof Channel>;

/** One line of the guide (EPG): consecutive slate segments are one entry. */
export const GuideEntryKind = z.enum(['item', 'filler', 'interstitial', 'slate']);
export type GuideEntryKind = z.infer<typeof GuideEntryKind>;
export const GuideEntry = z.object({
  start: IsoDate,
  end: IsoDate,
  kind: GuideEntryKind,
  /** ChannelItem.key; null for the slate. */
  itemKey: Id.nullable(),
  videoId: Id.nullable(),
  title: z.string(),
  /** The schedule slot that put it there, null for the base playlist. */
  slotId: z.string().nullable(),
});
export type GuideEntry = z.infer<typeof GuideEntry>;

export const Guide = z.object({ channelId: Id, from: IsoDate, to: IsoDate, entries: z.array(GuideEntry) });
export type Guide = z.infer<typeof Guide>;

export const NowPlaying = z.object({
  channelId: Id,
  channelName: z.string(),
  at: IsoDate,
  current: GuideEntry,
  /** Seconds into the current entry. */
  offsetSec: z.number(),
  next: GuideEntry.nullable(),
  /** True when the slate is on air because nothing is ready to play. */
  offAir: z.boolean(),
});
export type NowPlaying = z.infer<typeof NowPlaying>;

/** A schedule problem, named precisely (the API answers 400 validation_failed with these as details). */
export const ScheduleIssue = z.object({
  code: z.enum(['overlap', 'gap', 'bad_range', 'unknown_item', 'unknown_block', 'duplicate_id', 'bad_timezone']),
  message: z.string(),
  slotIds: z.array(z.string()),
  day: Weekday.nullable(),
  /** The clashing or empty range, local "HH:MM". */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ScheduleIssue = z.infer<typeof ScheduleIssue>;

// ---- requests ---------------------------------------------------------------------------------

export const ChannelName = z.string().trim().min(1, 'The channel name is empty').max(120);

export const CreateChannelBody = z
  .object({
    name: ChannelName,
    loopMode: LoopMode.default('loop'),
    shuffle: z.boolean().default(false),
    timezone: z.string().trim().min(1).max(64).default('UTC'),
    profile: ChannelProfile.default({ height: 720, videoCodec: 'h264', audioCodec: 'aac', segmentSec: 4 }),
    isDefault: z.boolean().default(false),
  })
  .strict();
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = z
  .object({
    name: ChannelName.optional(),
    loopMode: LoopMode.optional(),
    shuffle: z.boolean().optional(),
    timezone: z.string().trim().min(1).max(64).optional(),
    isDefault: z.literal(true).optional().describe('Make this the default channel (Add to LiveLoop goes here)'),
    fillers: FillerRules.optional(),
    blocks: z.array(ChannelBlock).max(50).optional(),
  })
  .strict();
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const AddChannelItemBody = z
  .object({
    videoId: Id,
    /** Position in the playlist (default: the end). */
    position: z.number().int().min(0).optional(),
    /** false: the item joins the channel (for fillers, interstitials, blocks) but not the base playlist. */
    inPlaylist: z.boolean().default(true),
  })
  .strict();
export type AddChannelItemBody = z.infer<typeof AddChannelItemBody>;

export const ReorderChannelBody = z.object({ playlist: z.array(Id).max(2000).describe('Every playlist key, in the new order') }).strict();

export const PutScheduleBody = z.object({ slots: z.array(ScheduleSlot).max(200) }).strict();
export type PutScheduleBody = z.infer<typeof PutScheduleBody>;

export const ChannelItemParams = z.object({ id: Id, key: Id });
export const LiveFileParams = z.object({
  id: Id,
  name: z.string().regex(/^(master\.m3u8|media\.m3u8|captions\.m3u8|slate\.ts|\d+_[A-Za-z0-9_-]+\.(ts|vtt))$/, 'a live stream file name'),
});

export const GuideQuery = z.object({
  from: IsoDate.optional().describe('Default: now'),
  to: IsoDate.optional().describe('Default: from + 24 h (at most 8 days after from)'),
});
export const AtQuery = z.object({ at: IsoDate.optional().describe('Default: now') });

export const ChannelList = z.object({ channels: z.array(Channel) });
export const ChannelDeleted = z.object({ ok: z.literal(true), id: Id });
