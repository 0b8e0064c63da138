import type { ScheduleSlot } from '../../schemas/video-liveloop.js';

/**
 * Schedule slots are local times of the channel's IANA zone; the timeline runs on UTC epoch
 * milliseconds. Intl (not a Node built-in) converts; results are cached per zone and day.
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffsetMs(tz: string, utcMs: number): number {
  if (tz === 'UTC') return 0;
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Local day number (days since 1970-01-01 in the zone) of an instant. */
export function localDay(tz: string, utcMs: number): number {
  return Math.floor((utcMs + zoneOffsetMs(tz, utcMs)) / DAY_MS);
}

/** 0 = Sunday: 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The UTC instant of a local wall time (day number + minutes since local midnight). */
export function localToUtc(tz: string, day: number, minutes: number): number {
  const local = day * DAY_MS + minutes * 60_000;
  const guess = local - zoneOffsetMs(tz, local);
  return local - zoneOffsetMs(tz, guess);
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export interface SlotInstance {
  slot: ScheduleSlot;
  /** Unique per occurrence: slot id + start. */
  id: string;
  startMs: number;
  endMs: number;
}

/** Slot occurrences of a zone, by local day, computed once per day. */
export class SlotCalendar {
  private readonly days = new Map<number, SlotInstance[]>();
  readonly hasPinned: boolean;

  constructor(
    readonly tz: string,
    private readonly slots: readonly ScheduleSlot[],
  ) {
    this.hasPinned = slots.some((s) => s.pinned);
  }

  get empty(): boolean {
    return this.slots.length === 0;
  }

  onDay(day: number): SlotInstance[] {
    let list = this.days.get(day);
    if (!list) {
      const wd = weekdayOf(day);
      list = this.slots
        .filter((s) => s.days.includes(wd))
        .map((s) => {
          const startMs = localToUtc(this.tz, day, minutesOf(s.start));
          return { slot: s, id: `${s.id}@${startMs}`, startMs, endMs: localToUtc(this.tz, day, minutesOf(s.end)) };
        })
        .filter((i) => i.endMs > i.startMs)
        .sort((a, b) => a.startMs - b.startMs);
      if (this.days.size > 64) this.days.clear();
      this.days.set(day, list);
    }
    return list;
  }

  /** The slot on air at t: a pinned one from `tolMs` before its start, a loose one from its start. */
  activeAt(t: number, tolMs: number): SlotInstance | null {
    if (this.empty) return null;
    const d = localDay(this.tz, t);
    for (const day of [d, d + 1]) {
      for (const i of this.onDay(day)) if ((i.slot.pinned ? i.startMs - tolMs : i.startMs) <= t && t < i.endMs) return i;
    }
    return null;
  }

  /** Start of the next pinned occurrence that is not yet on air at t (within 8 days), or null. */
  nextPinnedStart(t: number, tolMs: number): number | null {
    if (!this.hasPinned) return null;
    const d = localDay(this.tz, t);
    for (let day = d; day <= d + 8; day++) {
      for (const i of this.onDay(day)) if (i.slot.pinned && i.startMs - tolMs > t) return i.startMs;
    }
    return null;
  }
}
