import type { GuideEntry } from '../../../../shared/schemas/video-liveloop.js';

/** A drawn block of the guide: one entry, or a run of entries too short to draw one by one. */
export interface GuideBlock {
  key: string;
  left: number;
  width: number;
  entries: GuideEntry[];
}

const ms = (iso: string): number => Date.parse(iso);

/** The entry on air at `at` (start inclusive, end exclusive), if the list covers it. */
export function entryAt(entries: readonly GuideEntry[], at: number): GuideEntry | null {
  for (const e of entries) if (ms(e.start) <= at && at < ms(e.end)) return e;
  return null;
}

/** The entry after `entry` in the list (by start), if any. */
export function entryAfter(entries: readonly GuideEntry[], entry: GuideEntry): GuideEntry | null {
  const end = ms(entry.end);
  return entries.find((e) => ms(e.start) >= end) ?? null;
}

/**
 * Lays entries out on a strip that starts at `from` with `pxPerMs`: entries narrower than
 * `minPx` are merged with their neighbours into one block (a channel of 3 s clips has 28 800
 * of them a day; nobody can click a 0.1 px entry), clipped to [from, to].
 */
export function layoutGuide(entries: readonly GuideEntry[], from: number, to: number, pxPerMs: number, minPx = 6): GuideBlock[] {
  const blocks: GuideBlock[] = [];
  let open: GuideBlock | null = null;
  for (const e of entries) {
    const s = Math.max(from, ms(e.start));
    const t = Math.min(to, ms(e.end));
    if (t <= s) continue;
    const left = (s - from) * pxPerMs;
    const width = (t - s) * pxPerMs;
    if (width >= minPx) {
      if (open) blocks.push(open);
      open = null;
      blocks.push({ key: e.start, left, width, entries: [e] });
      continue;
    }
    if (open && Math.abs(open.left + open.width - left) < 0.5) {
      open.width = left + width - open.left;
      open.entries.push(e);
    } else {
      if (open) blocks.push(open);
      open = { key: e.start, left, width, entries: [e] };
    }
    if (open.width >= minPx) {
      blocks.push(open);
      open = null;
    }
  }
  if (open) blocks.push(open);
  return blocks;
}

/** "18:05" in the viewer's locale. */
export const hhmm = (d: Date | number | string): string => new Date(d).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "18:05:09" in the viewer's locale. */
export const hhmmss = (d: Date | number | string): string => new Date(d).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A duration as "1 h 05 min", "4 min 10 s" or "12 s". */
export function span(msLen: number): string {
  const s = Math.max(0, Math.round(msLen / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
