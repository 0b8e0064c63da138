import { describe, expect, it } from 'vitest';
import type { GuideEntry, ScheduleSlot } from '../../shared/schemas/video-liveloop.js';
import { entryAfter, entryAt, layoutGuide } from '../../renderer/studios/video/liveloop/guide-layout.js';
import { moveKey } from '../../renderer/studios/video/liveloop/playlist-order.js';
import { slotProblems } from '../../renderer/studios/video/liveloop/schedule-issues.js';

// The LiveLoop page's plain logic: guide layout (merging entries too short to draw), the entry
// on air at an instant, playlist reordering, and which slot each schedule problem belongs to.

const T0 = Date.parse('2026-12-06T18:00:00.000Z');
const entry = (startSec: number, endSec: number, title: string, kind: GuideEntry['kind'] = 'item'): GuideEntry => ({
  start: new Date(T0 + startSec * 1000).toISOString(),
  end: new Date(T0 + endSec * 1000).toISOString(),
  kind,
  itemKey: kind === 'slate' ? null : `k-${title}`,
  videoId: kind === 'slate' ? null : `v-${title}`,
  title,
  slotId: null,
});

describe('guide layout', () => {
  const pxPerMs = 240 / 3_600_000; // the 6 h zoom: 240 px an hour

  it('draws long entries one by one, clipped to the window', () => {
    const entries = [entry(-600, 1200, 'A'), entry(1200, 3000, 'B'), entry(3000, 4200, 'C')];
    const blocks = layoutGuide(entries, T0, T0 + 3_600_000, pxPerMs);
    expect(blocks.map((b) => b.entries.map((e) => e.title))).toEqual([['A'], ['B'], ['C']]);
    expect(blocks[0]!.left).toBe(0);
    expect(blocks[0]!.width).toBeCloseTo(80);
    expect(blocks[2]!.left + blocks[2]!.width).toBeCloseTo(240);
  });

  it('merges runs of entries too short to click into blocks of at least the minimum width', () => {
    const entries = Array.from({ length: 600 }, (_, i) => entry(i * 3, i * 3 + 3, i % 2 ? 'Night Waves' : 'Harbour at Dusk'));
    const blocks = layoutGuide(entries, T0, T0 + 3_600_000, pxPerMs);
    expect(blocks.length).toBeLessThan(60);
    expect(blocks.reduce((n, b) => n + b.entries.length, 0)).toBe(600);
    for (const b of blocks.slice(0, -1)) expect(b.width).toBeGreaterThanOrEqual(6);
    // Contiguous: each block starts where the last one ended.
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.left).toBeCloseTo(blocks[i - 1]!.left + blocks[i - 1]!.width);
  });

  it('a long entry closes a run of short ones', () => {
    const blocks = layoutGuide([entry(0, 3, 'a'), entry(3, 6, 'b'), entry(6, 1800, 'Long')], T0, T0 + 3_600_000, pxPerMs);
    expect(blocks.map((b) => b.entries.length)).toEqual([2, 1]);
    expect(blocks[1]!.entries[0]!.title).toBe('Long');
  });

  it('finds the entry on air (start inclusive, end exclusive) and the next one', () => {
    const entries = [entry(0, 10, 'A'), entry(10, 20, 'B'), entry(20, 30, 'Slate', 'slate')];
    expect(entryAt(entries, T0 + 9_999)?.title).toBe('A');
    expect(entryAt(entries, T0 + 10_000)?.title).toBe('B');
    expect(entryAt(entries, T0 + 30_000)).toBeNull();
    expect(entryAfter(entries, entries[1]!)?.kind).toBe('slate');
    expect(entryAfter(entries, entries[2]!)).toBeNull();
  });
});

describe('playlist order', () => {
  it('moves one key up, down, to the ends, and ignores a bad source', () => {
    const l = ['a', 'b', 'c', 'd'];
    expect(moveKey(l, 2, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveKey(l, 0, 3)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveKey(l, 3, -5)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveKey(l, 7, 0)).toEqual(l);
    expect(l).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('schedule problems by slot', () => {
  const slot = (id: string, start: string, end: string): ScheduleSlot => ({ id, title: '', days: [1], start, end, content: { kind: 'item', itemKey: 'k' }, pinned: true });
  const slots = [slot('s1', '18:00', '20:00'), slot('s2', '19:00', '21:00'), slot('s3', '22:00', '23:00')];

  it('puts an overlap beside both slots it names, and an issue naming no known slot in general', () => {
    const p = slotProblems(
      [
        { code: 'overlap', message: 'Monday 19:00–20:00: s1 and s2 overlap', slotIds: ['s1', 's2'], day: 1, from: '19:00', to: '20:00' },
        { code: 'bad_timezone', message: 'Unknown time zone Mars/Olympus', slotIds: [], day: null, from: null, to: null },
      ],
      slots,
    );
    expect(p.bySlot.get('s1')).toEqual(['Monday 19:00–20:00: s1 and s2 overlap']);
    expect(p.bySlot.get('s2')).toEqual(['Monday 19:00–20:00: s1 and s2 overlap']);
    expect(p.bySlot.has('s3')).toBe(false);
    expect(p.general).toEqual(['Unknown time zone Mars/Olympus']);
  });

  it('maps a refused body (zod issues at slots[i].field) to the slot at that index', () => {
    const p = slotProblems([{ code: 'invalid_format', path: ['slots', 2, 'start'], message: 'a local time like 18:00' }, { path: [], message: 'Unrecognized key' }], slots);
    expect(p.bySlot.get('s3')).toEqual(['start: a local time like 18:00']);
    expect(p.general).toEqual(['Unrecognized key']);
  });

  it('reads nothing from details that are not a list', () => {
    expect(slotProblems(undefined, slots)).toEqual({ bySlot: new Map(), general: [] });
    expect(slotProblems({ foo: 1 }, slots).general).toEqual([]);
  });
});
