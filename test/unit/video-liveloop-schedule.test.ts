import { describe, expect, it } from 'vitest';
import type { ScheduleSlot } from '../../shared/schemas/video-liveloop.js';
import { LiveTimeline, localToUtc, validateSchedule, type LiveProgram, type ProgramItem } from '../../shared/video/liveloop/index.js';

// Schedule validation names every problem precisely; filler rules and pinned slots shape the timeline.

const slot = (id: string, days: number[], start: string, end: string, over: Partial<ScheduleSlot> = {}): ScheduleSlot => ({ id, title: '', days, start, end, content: { kind: 'item', itemKey: 'a' }, pinned: true, ...over });
const ctx = (over: Partial<Parameters<typeof validateSchedule>[1]> = {}) => ({ itemKeys: new Set(['a', 'b']), blocks: [{ name: 'storms', itemKeys: ['a', 'b'] }], timezone: 'UTC', canFillGaps: true, ...over });

describe('schedule validation', () => {
  it('a clean weekly schedule has no issues', () => {
    expect(validateSchedule([slot('eve', [1, 2, 3, 4, 5], '18:00', '20:00'), slot('late', [1, 2, 3, 4, 5], '20:00', '22:00', { content: { kind: 'block', block: 'storms' } })], ctx())).toEqual([]);
  });

  it('names overlaps by day, slots and clashing range', () => {
    const issues = validateSchedule([slot('eve', [1, 3], '18:00', '20:00'), slot('news', [3], '19:15', '19:45'), slot('late', [3], '19:30', '23:00')], ctx());
    expect(issues.filter((i) => i.code === 'overlap').map((i) => [i.day, i.slotIds, i.from, i.to])).toEqual([
      [3, ['eve', 'news'], '19:15', '19:45'],
      [3, ['eve', 'late'], '19:30', '20:00'],
      [3, ['news', 'late'], '19:30', '19:45'],
    ]);
    expect(issues[0]!.message).toBe('On Wednesday slots "eve" and "news" overlap from 19:15 to 19:45');
  });

  it('touching slots do not overlap; reversed or midnight-crossing ranges, duplicates, unknown items/blocks and zones are named', () => {
    const issues = validateSchedule(
      [slot('a', [0], '10:00', '11:00'), slot('a', [0], '11:00', '12:00'), slot('x', [2], '23:00', '01:00'), slot('y', [2], '09:00', '10:00', { content: { kind: 'item', itemKey: 'zz' } }), slot('z', [2], '12:00', '13:00', { content: { kind: 'block', block: 'nope' } })],
      ctx({ timezone: 'Mars/Olympus' }),
    );
    expect(issues.map((i) => `${i.code}:${i.slotIds.join(',')}`).sort()).toEqual(['bad_range:x', 'bad_timezone:', 'duplicate_id:a', 'unknown_block:z', 'unknown_item:y'].sort());
    expect(issues.find((i) => i.code === 'bad_range')!.message).toMatch(/may not cross midnight, split it/);
  });

  it('gaps between slots are an issue only when nothing can fill them', () => {
    const slots = [slot('morning', [6], '08:00', '09:00'), slot('noon', [6], '12:00', '13:00'), slot('after', [6], '13:00', '14:00')];
    expect(validateSchedule(slots, ctx())).toEqual([]);
    const gaps = validateSchedule(slots, ctx({ canFillGaps: false }));
    expect(gaps).toEqual([expect.objectContaining({ code: 'gap', day: 6, slotIds: ['morning', 'noon'], from: '09:00', to: '12:00' })]);
  });
});

function item(key: string, secs: number): ProgramItem {
  const segments = Array.from({ length: Math.ceil(secs / 4) }, (_, i) => ({ mediaId: `${key}${i}`, ms: Math.min(4000, secs * 1000 - i * 4000) }));
  return { key, videoId: key, title: key, segments, ms: secs * 1000, captions: null };
}
const base = (over: Partial<LiveProgram>): LiveProgram => ({
  channelId: 'c', loopMode: 'loop', shuffle: false, timezone: 'UTC', items: {}, playlist: [], blocks: [], schedule: [],
  fillers: { interstitialEvery: null, interstitialKey: null, fillerPool: [] }, slateMs: 2000, bandwidth: 1, ...over,
});

describe('filler rules and slots on the timeline', () => {
  const T0 = Date.UTC(2026, 2, 2, 17, 0); // Monday 17:00 UTC
  const items = { long: item('long', 600), mid: item('mid', 100), f1: item('f1', 30), f2: item('f2', 12), show: item('show', 300) };

  it('before a pinned slot the base item that would overrun waits; fillers that fit fill the gap, then the slate; the slot starts on time', () => {
    const p = base({ items, playlist: ['long', 'mid'], fillers: { interstitialEvery: null, interstitialKey: null, fillerPool: ['f1', 'f2'] }, schedule: [slot('show', [1], '18:00', '18:30', { content: { kind: 'item', itemKey: 'show' } })] });
    const tl = new LiveTimeline([{ program: p, anchor: { epochMs: T0, msnBase: 0, discBase: 0, resumeAfterKey: null }, untilMs: null }]);
    const at = Date.UTC(2026, 2, 2, 18, 0);
    const e = tl.entries(T0, at + 3_600_000);
    const before = e.filter((x) => x.endMs <= at + 1000 && !x.slotId);
    // A pass is 11:40; five passes end at 17:58:20, the next long (10 min) would overrun 18:00: 100 s of fillers and slate.
    expect(before.map((x) => x.key ?? 'slate').join(' ')).toBe('long mid long mid long mid long mid long mid f1 f2 f1 f2 f2 slate slate');
    const firstShow = e.find((x) => x.slotId === 'show')!;
    expect(Math.abs(firstShow.startMs - at)).toBeLessThanOrEqual(1000);
    expect(firstShow.key).toBe('show');
    // The slot plays its item until 18:30, then the base playlist resumes where it stopped (long was next).
    const afterSlot = e.find((x) => x.startMs >= Date.UTC(2026, 2, 2, 18, 30) && !x.slotId)!;
    expect(afterSlot.key).toBe('long');
    expect(e.filter((x) => x.kind === 'filler').length).toBeGreaterThan(0);
  });

  it("a loose (not pinned) slot waits for the entry on air to finish; 'once' airs one pass then the slate", () => {
    const p = base({ items, playlist: ['long'], schedule: [slot('show', [1], '17:05', '17:30', { pinned: false, content: { kind: 'item', itemKey: 'show' } })] });
    const tl = new LiveTimeline([{ program: p, anchor: { epochMs: T0, msnBase: 0, discBase: 0, resumeAfterKey: null }, untilMs: null }]);
    const e = tl.entries(T0, T0 + 3_600_000);
    expect(e[0]!.key).toBe('long');
    expect(e[1]).toMatchObject({ key: 'show', slotId: 'show', startMs: T0 + 600_000 });
    const once = new LiveTimeline([{ program: base({ items, playlist: ['mid', 'f1'], loopMode: 'once' }), anchor: { epochMs: T0, msnBase: 0, discBase: 0, resumeAfterKey: null }, untilMs: null }]);
    expect(once.entries(T0, T0 + 600_000).map((x) => x.kind).slice(0, 4)).toEqual(['item', 'item', 'slate', 'slate']);
  });

  it('local times follow the channel time zone (Europe/Paris is UTC+1 in winter, +2 in summer)', () => {
    const day = Math.floor(Date.UTC(2026, 0, 12) / 86_400_000);
    expect(new Date(localToUtc('Europe/Paris', day, 18 * 60)).toISOString()).toBe('2026-01-12T17:00:00.000Z');
    const summer = Math.floor(Date.UTC(2026, 6, 13) / 86_400_000);
    expect(new Date(localToUtc('Europe/Paris', summer, 18 * 60)).toISOString()).toBe('2026-07-13T16:00:00.000Z');
  });
});
