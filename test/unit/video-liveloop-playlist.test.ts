import { describe, expect, it } from 'vitest';
import type { ScheduleSlot } from '../../shared/schemas/video-liveloop.js';
import { guide, LiveTimeline, mediaPlaylist, nowPlaying, type LiveProgram, type ProgramItem, type TimelinePiece } from '../../shared/video/liveloop/index.js';

// The pure live playlist generator over a simulated clock: sequence numbers only grow, a
// discontinuity sits exactly at every entry boundary, segments are contiguous in time (no gap),
// and two timelines built separately give the same text at the same instant.

const T0 = Date.UTC(2026, 0, 5, 6, 0, 0); // a Monday
const H = 3_600_000;

function item(key: string, segs: number[]): ProgramItem {
  return { key, videoId: `v-${key}`, title: `Title ${key}`, segments: segs.map((ms, i) => ({ mediaId: `${key}${i}`, ms })), ms: segs.reduce((a, b) => a + b, 0), captions: null };
}

function program(over: Partial<LiveProgram> = {}): LiveProgram {
  const items = [item('a', [4000, 4000, 2500]), item('b', [4004, 3003]), item('c', [4000, 4000, 4000, 4000, 1200]), item('f', [2000, 1000]), item('i', [1500])];
  return {
    channelId: 'ch-1', loopMode: 'loop', shuffle: false, timezone: 'UTC',
    items: Object.fromEntries(items.map((i) => [i.key, i])), playlist: ['a', 'b', 'c'], blocks: [{ name: 'storms', itemKeys: ['c', 'a'] }], schedule: [],
    fillers: { interstitialEvery: null, interstitialKey: null, fillerPool: [] }, slateMs: 2000, bandwidth: 3_000_000,
    ...over,
  };
}
const piece = (p: LiveProgram, over: Partial<TimelinePiece> = {}): TimelinePiece => ({ program: p, anchor: { epochMs: T0, msnBase: 0, discBase: 0, resumeAfterKey: null }, untilMs: null, ...over });

interface Seg { msn: number; disc: number; uri: string; ms: number; pdt: number | null; tagged: boolean }
function parse(text: string): { msn: number; ds: number; segs: Seg[] } {
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('#EXTM3U');
  expect(text).not.toContain('#EXT-X-ENDLIST');
  const msn = Number(lines.find((l) => l.startsWith('#EXT-X-MEDIA-SEQUENCE:'))!.split(':')[1]);
  const ds = Number(lines.find((l) => l.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE:'))!.split(':')[1]);
  const segs: Seg[] = [];
  let tagged = false;
  let pdt: number | null = null;
  let dur = 0;
  let disc = ds;
  for (const l of lines) {
    if (l === '#EXT-X-DISCONTINUITY') {
      tagged = true;
      disc++;
    } else if (l.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(l.slice(25));
    else if (l.startsWith('#EXTINF:')) dur = Math.round(Number.parseFloat(l.slice(8)) * 1000);
    else if (!l.startsWith('#')) {
      segs.push({ msn: msn + segs.length, disc, uri: l, ms: dur, pdt, tagged });
      tagged = false;
      pdt = null;
    }
  }
  return { msn, ds, segs };
}

/** Walks a clock over [from, to) in irregular steps and checks every playlist against the one before. */
function simulate(make: () => LiveTimeline, from: number, to: number) {
  const tl = make();
  const bySeq = new Map<number, Seg & { start: number }>();
  const problems: string[] = [];
  let prev: ReturnType<typeof parse> | null = null;
  let steps = 0;
  for (let t = from, k = 0; t < to; t += 1000 + ((k++ * 7919) % 11_000)) {
    const p = parse(mediaPlaylist(tl, t));
    const at = new Date(t).toISOString();
    if (p.segs.length !== 6) problems.push(`${at}: ${p.segs.length} segments`);
    if (prev && (p.msn < prev.msn || p.ds < prev.ds)) problems.push(`${at}: sequence went back (${prev.msn}/${prev.ds} → ${p.msn}/${p.ds})`);
    let start = p.segs[0]?.pdt ?? Number.NaN;
    for (const s of p.segs) {
      if (s.pdt !== null && s.pdt !== start) problems.push(`${at}: segment ${s.msn} starts at ${s.pdt}, expected ${start} (gap or overlap)`);
      const known = bySeq.get(s.msn);
      if (known && (known.uri !== s.uri || known.ms !== s.ms || known.disc !== s.disc || known.start !== start)) problems.push(`${at}: segment ${s.msn} changed`);
      if (!known) bySeq.set(s.msn, { ...s, start });
      start += s.ms;
    }
    if (start > t) problems.push(`${at}: lists a segment that has not aired`);
    prev = p;
    steps++;
  }
  expect(problems.slice(0, 5)).toEqual([]);
  return { bySeq, steps };
}

describe('live media playlist over a 48 h clock', () => {
  it('sequence numbers grow one per segment, discontinuities sit at entry boundaries, no gaps', () => {
    const { bySeq, steps } = simulate(() => new LiveTimeline([piece(program())]), T0 + 60_000, T0 + 48 * H);
    expect(steps).toBeGreaterThan(20_000);
    const seqs = [...bySeq.keys()].sort((a, b) => a - b);
    // Every sequence number between the first and last seen, each exactly once, contiguous in time.
    for (let i = 1; i < seqs.length; i++) {
      const a = bySeq.get(seqs[i - 1]!)!;
      const b = bySeq.get(seqs[i]!)!;
      if (seqs[i] === seqs[i - 1]! + 1) expect(b.start).toBe(a.start + a.ms);
      // A new entry starts exactly where an item's first segment starts: a tag and a new discontinuity number.
      const firstOfItem = /_[abc]0\.ts$/.test(b.uri);
      if (seqs[i] === seqs[i - 1]! + 1) expect(b.disc).toBe(firstOfItem ? a.disc + 1 : a.disc);
    }
    // The order is a, b, c, a, b, c …: 3 + 2 + 5 segments a pass.
    const uris = seqs.slice(0, 40).map((s) => bySeq.get(s)!.uri.replace(/^\d+_/, '').replace(/\d\.ts$/, ''));
    expect(uris.join('')).toMatch(/^(?:a*b*c*)+$/);
  });

  it('two timelines built apart agree at the same instant, whatever they were asked before', () => {
    const one = new LiveTimeline([piece(program({ shuffle: true }))]);
    const two = new LiveTimeline([piece(program({ shuffle: true }))]);
    const instants = Array.from({ length: 200 }, (_, i) => T0 + 60_000 + ((i * 104_729_000) % (48 * H)));
    const a = instants.map((t) => mediaPlaylist(one, t));
    const b = [...instants].reverse().map((t) => mediaPlaylist(two, t)).reverse();
    expect(b).toEqual(a);
  });

  it('shuffle is deterministic per pass, every pass plays each item once, and passes differ', () => {
    const tl = new LiveTimeline([piece(program({ shuffle: true, playlist: ['a', 'b', 'c', 'f', 'i'] }))]);
    const again = new LiveTimeline([piece(program({ shuffle: true, playlist: ['a', 'b', 'c', 'f', 'i'] }))]);
    const keys = tl.entries(T0, T0 + 6 * H).map((e) => e.key!);
    expect(again.entries(T0, T0 + 6 * H).map((e) => e.key)).toEqual(keys);
    const passes: string[] = [];
    for (let i = 0; i + 5 <= keys.length; i += 5) passes.push(keys.slice(i, i + 5).join(''));
    for (const p of passes) expect([...p].sort().join('')).toBe('abcfi');
    expect(new Set(passes).size).toBeGreaterThan(1);
  });

  it('an empty channel airs the slate, never an empty playlist', () => {
    const tl = new LiveTimeline([piece(program({ items: {}, playlist: [] }))]);
    const p = parse(mediaPlaylist(tl, T0 + 5 * H));
    expect(p.segs).toHaveLength(6);
    expect(p.segs.every((s) => s.uri.endsWith('_slate.ts') && s.tagged)).toBe(true);
    const now = nowPlaying(tl, T0 + 5 * H, { id: 'ch-1', name: 'One' });
    expect(now.offAir).toBe(true);
    expect(now.current.kind).toBe('slate');
  });

  it('interstitials every N items and a pinned slot with fillers before it, contiguous over two days', () => {
    const slot: ScheduleSlot = { id: 'storms', title: 'Storms', days: [0, 1, 2, 3, 4, 5, 6], start: '18:00', end: '19:00', content: { kind: 'block', block: 'storms' }, pinned: true };
    const p = program({ schedule: [slot], fillers: { interstitialEvery: 2, interstitialKey: 'i', fillerPool: ['f'] } });
    const tl = new LiveTimeline([piece(p)]);
    const entries = tl.entries(T0, T0 + 48 * H);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.startMs).toBe(entries[i - 1]!.endMs);
    const base = entries.filter((e) => !e.slotId && e.kind !== 'filler' && e.kind !== 'slate').map((e) => e.key).join('');
    // One pass is a, b, then the interstitial after every 2nd item, then c (counted per pass).
    expect(base.slice(0, 12)).toBe('abicabicabic');
    for (const day of [0, 1]) {
      const at = Date.UTC(2026, 0, 5 + day, 18, 0, 0);
      const before = entries.filter((e) => e.slotId !== 'storms' && e.startMs < at && e.endMs > at - 1);
      for (const e of before) expect(e.endMs).toBeLessThanOrEqual(at + 1000); // nothing overruns the pinned start (slate rounding ≤ 1 s)
      const first = entries.find((e) => e.slotId === 'storms' && e.startMs >= at - 1000)!;
      expect(first.key).toBe('c');
      expect(Math.abs(first.startMs - at)).toBeLessThanOrEqual(1000);
      expect(entries.some((e) => e.kind === 'filler' && e.endMs <= at && e.endMs > at - 60_000)).toBe(true);
    }
    const g = guide(tl, Date.UTC(2026, 0, 5, 17, 0), Date.UTC(2026, 0, 5, 20, 0));
    expect(g.some((e) => e.slotId === 'storms')).toBe(true);
    expect(g.some((e) => e.kind === 'interstitial')).toBe(true);
  });

  it('an edit takes over at the next boundary with sequence numbers still growing; a deleted item is gone after it', () => {
    const first = piece(program());
    const old = new LiveTimeline([first]);
    const now = T0 + 3 * H + 1234;
    const onAir = old.entryAt(now)!;
    const cut = old.cutPoint(now, 'segment');
    const without = program({ playlist: ['a', 'b', 'c'].filter((k) => k !== onAir.key) });
    delete without.items[onAir.key!];
    const next = new LiveTimeline([{ ...first, untilMs: cut.untilMs }, { program: without, anchor: { epochMs: cut.untilMs, msnBase: cut.msnBase, discBase: cut.discBase, resumeAfterKey: cut.onAirKey }, untilMs: null }]);
    expect(mediaPlaylist(next, now)).toBe(mediaPlaylist(old, now)); // nothing visible changes before the cut
    const { bySeq } = simulate(() => next, now - 30_000, now + 2 * H);
    const after = [...bySeq.values()].filter((s) => s.start >= cut.untilMs);
    expect(after.length).toBeGreaterThan(100);
    expect(after.some((s) => s.uri.includes(`_${onAir.key}`))).toBe(false);
    expect(Math.min(...after.map((s) => s.msn))).toBe(cut.msnBase);
  });
});
