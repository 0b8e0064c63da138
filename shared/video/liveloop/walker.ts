import type { GuideEntryKind } from '../../schemas/video-liveloop.js';
import { SlotCalendar, type SlotInstance } from './local-time.js';
import { readyKeys, SLATE_MEDIA_ID, type LiveAnchor, type LiveEntry, type LiveProgram } from './program.js';
import { seededShuffle } from './shuffle.js';

/**
 * The walk: from an anchor, one entry after another, each decided only by the state and the
 * program (no clock reads, integer ms), so any process walking to the same instant agrees.
 *  - A schedule slot on air plays its item/block from the start, looping, until it ends.
 *  - Otherwise the base playlist plays on (reshuffled per pass when shuffle is on, with an
 *    interstitial after every N items), resuming where it stopped before the slot.
 *  - Before a pinned slot nothing may overrun its start: the filler pool fills what is left
 *    (first filler that fits, rotating), then slate segments.
 *  - Nothing ready → slate segments (an empty channel is a slate, not a broken stream).
 */
export interface WalkState {
  t: number;
  msn: number;
  disc: number;
  /** Entries emitted since the anchor. */
  n: number;
  cycle: number;
  pos: number;
  slotInstance: string | null;
  slotPos: number;
  fillerRot: number;
}

interface Candidate {
  key: string;
  kind: GuideEntryKind;
}

export class Walker {
  readonly calendar: SlotCalendar;
  private readonly cycles = new Map<number, Candidate[]>();
  /** Integer-exact length of one base pass (ms, segments, entries), for fast-forwarding. */
  private readonly pass: { ms: number; segs: number; entries: number };

  constructor(
    readonly program: LiveProgram,
    readonly anchor: LiveAnchor,
  ) {
    this.calendar = new SlotCalendar(program.timezone, program.schedule);
    const seq = this.cycle(0);
    this.pass = seq.reduce((a, c) => ({ ms: a.ms + this.item(c.key).ms, segs: a.segs + this.item(c.key).segments.length, entries: a.entries + 1 }), { ms: 0, segs: 0, entries: 0 });
  }

  get tolMs(): number {
    return Math.floor(this.program.slateMs / 2);
  }

  start(): WalkState {
    const s: WalkState = { t: this.anchor.epochMs, msn: this.anchor.msnBase, disc: this.anchor.discBase, n: 0, cycle: 0, pos: 0, slotInstance: null, slotPos: 0, fillerRot: 0 };
    const after = this.anchor.resumeAfterKey;
    if (after) {
      const i = this.cycle(0).findIndex((c) => c.key === after);
      if (i >= 0) s.pos = i + 1;
    }
    return s;
  }

  private item(key: string) {
    return this.program.items[key]!;
  }

  /** The base playlist of one pass: ready items (shuffled per pass), interstitials inserted. */
  cycle(n: number): Candidate[] {
    let seq = this.cycles.get(n);
    if (seq) return seq;
    const p = this.program;
    let keys = readyKeys(p, p.playlist);
    if (p.shuffle) keys = seededShuffle(keys, `${p.channelId}:${this.anchor.epochMs}:${n}`);
    const every = p.fillers.interstitialEvery;
    const inter = p.fillers.interstitialKey && p.items[p.fillers.interstitialKey] ? p.fillers.interstitialKey : null;
    seq = [];
    for (const [i, key] of keys.entries()) {
      seq.push({ key, kind: 'item' });
      if (every && inter && (i + 1) % every === 0) seq.push({ key: inter, kind: 'interstitial' });
    }
    if (this.cycles.size > 8) this.cycles.clear();
    this.cycles.set(n, seq);
    return seq;
  }

  private slotSequence(inst: SlotInstance): string[] {
    const c = inst.slot.content;
    if (c.kind === 'item') return readyKeys(this.program, [c.itemKey]);
    return readyKeys(this.program, this.program.blocks.find((b) => b.name === c.block)?.itemKeys ?? []);
  }

  /** Jumps whole base passes toward `target` when nothing else can happen in between. */
  fastForward(s: WalkState, target: number): void {
    if (!this.calendar.empty || this.program.loopMode !== 'loop' || s.pos !== 0 || this.pass.ms <= 0) return;
    const k = Math.floor((target - s.t) / this.pass.ms) - 1;
    if (k <= 0) return;
    s.t += k * this.pass.ms;
    s.msn += k * this.pass.segs;
    s.disc += k * this.pass.entries;
    s.n += k * this.pass.entries;
    s.cycle += k;
  }

  /** Emits the entry that starts at s.t and advances the state past it. */
  step(s: WalkState): LiveEntry {
    const tol = this.tolMs;
    const inst = this.calendar.activeAt(s.t, tol);
    const hard = this.calendar.nextPinnedStart(s.t, tol);
    const fits = (key: string) => hard === null || s.t + this.item(key).ms <= hard;

    let pick: Candidate | null = null;
    let slotId: string | null = null;
    if (inst) {
      if (s.slotInstance !== inst.id) {
        s.slotInstance = inst.id;
        s.slotPos = 0;
      }
      const seq = this.slotSequence(inst);
      const key = seq.length ? seq[s.slotPos % seq.length]! : null;
      if (key && fits(key)) {
        pick = { key, kind: 'item' };
        s.slotPos++;
      }
      slotId = inst.slot.id;
    } else {
      s.slotInstance = null;
      let seq = this.cycle(s.cycle);
      if (s.pos >= seq.length && seq.length > 0 && this.program.loopMode === 'loop') {
        s.cycle++;
        s.pos = 0;
        seq = this.cycle(s.cycle);
      }
      const c = s.pos < seq.length ? seq[s.pos]! : null;
      if (c && fits(c.key)) {
        pick = c;
        s.pos++;
      }
    }
    if (!pick && hard !== null) pick = this.filler(s, hard);
    if (!pick) return this.emit(s, 'slate', null, slotId, [{ mediaId: SLATE_MEDIA_ID, ms: this.program.slateMs }]);
    return this.emit(s, pick.kind, pick.key, slotId, this.item(pick.key).segments);
  }

  private filler(s: WalkState, hard: number): Candidate | null {
    const pool = readyKeys(this.program, this.program.fillers.fillerPool);
    for (let i = 0; i < pool.length; i++) {
      const idx = (s.fillerRot + i) % pool.length;
      const key = pool[idx]!;
      if (s.t + this.item(key).ms <= hard) {
        s.fillerRot = idx + 1;
        return { key, kind: 'filler' };
      }
    }
    return null;
  }

  private emit(s: WalkState, kind: GuideEntryKind, key: string | null, slotId: string | null, segments: LiveEntry['segments']): LiveEntry {
    const ms = segments.reduce((a, x) => a + x.ms, 0);
    const e: LiveEntry = { startMs: s.t, endMs: s.t + ms, kind, key, slotId, msn: s.msn, disc: s.disc, segments };
    s.t += ms;
    s.msn += segments.length;
    s.disc += 1;
    s.n += 1;
    return e;
  }
}
