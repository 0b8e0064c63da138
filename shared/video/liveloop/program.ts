import type { ChannelBlock, FillerRules, GuideEntryKind, LiveSegment, ScheduleSlot } from '../../schemas/video-liveloop.js';

/**
 * The pure input of a channel's live timeline: everything the clock-driven generator needs,
 * with integer milliseconds so two processes (and a stepped vs a fast-forwarded walk) agree
 * exactly. The host builds it from the channel row; only items that are ready to air appear.
 */
export interface ProgramItem {
  key: string;
  videoId: string;
  title: string;
  segments: LiveSegment[];
  /** Sum of the segments' ms. */
  ms: number;
  captions: { mediaId: string; language: string } | null;
}

export interface LiveProgram {
  channelId: string;
  loopMode: 'loop' | 'once';
  shuffle: boolean;
  timezone: string;
  /** Ready items by key. */
  items: Record<string, ProgramItem>;
  playlist: string[];
  blocks: ChannelBlock[];
  schedule: ScheduleSlot[];
  fillers: FillerRules;
  /** Length of the pre-encoded slate segment. */
  slateMs: number;
  /** Peak bits per second of the items' streams (for the master playlist). */
  bandwidth: number;
}

/** Where a piece of the timeline starts: the instant, and the sequence numbers it continues from. */
export interface LiveAnchor {
  epochMs: number;
  /** EXT-X-MEDIA-SEQUENCE of its first segment. */
  msnBase: number;
  /** Discontinuity sequence number of its first entry (0 only for a channel's very first). */
  discBase: number;
  /** The base playlist resumes after this item (the one on air when the channel was edited). */
  resumeAfterKey: string | null;
}

/** One thing on air: an item, filler, interstitial or one slate segment. */
export interface LiveEntry {
  startMs: number;
  endMs: number;
  kind: GuideEntryKind;
  /** null for the slate. */
  key: string | null;
  slotId: string | null;
  /** Media sequence number of its first segment. */
  msn: number;
  /** Discontinuity sequence number of its segments. */
  disc: number;
  segments: LiveSegment[];
}

export const SLATE_MEDIA_ID = 'slate';

export function programItemMs(segments: readonly LiveSegment[]): number {
  return segments.reduce((a, s) => a + s.ms, 0);
}

/** Items a block, slot or filler rule names, in order, that are ready. */
export function readyKeys(program: LiveProgram, keys: readonly string[]): string[] {
  return keys.filter((k) => program.items[k] && program.items[k].ms > 0);
}
