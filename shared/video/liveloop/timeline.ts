import type { LiveAnchor, LiveEntry, LiveProgram } from './program.js';
import { Walker, type WalkState } from './walker.js';

/** One stretch of a channel's history: a program from its anchor, until the next edit took over. */
export interface TimelinePiece {
  program: LiveProgram;
  anchor: LiveAnchor;
  /** Entries starting at or after this are not this piece's (null: open-ended). Always a segment boundary. */
  untilMs: number | null;
}

const CHECKPOINT_EVERY = 24;

/**
 * A walker plus memoised checkpoints, so "what is on air at t" costs a short walk from the
 * nearest earlier checkpoint. The checkpoints are states the same walk produced, so the answer
 * never depends on which instants were asked before (two processes agree).
 */
class PieceWalk {
  readonly walker: Walker;
  private readonly checkpoints: WalkState[] = [];

  constructor(readonly piece: TimelinePiece) {
    this.walker = new Walker(piece.program, piece.anchor);
    this.checkpoints.push(this.walker.start());
  }

  private from(t: number): WalkState {
    let lo = 0;
    let hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid]!.t <= t) lo = mid;
      else hi = mid - 1;
    }
    return { ...this.checkpoints[lo]! };
  }

  private remember(s: WalkState): void {
    const last = this.checkpoints.at(-1)!;
    if (s.n >= last.n + CHECKPOINT_EVERY && s.t > last.t) this.checkpoints.push({ ...s });
  }

  /** Entries overlapping [from, to), in order, clipped to the piece's end. */
  entries(from: number, to: number): LiveEntry[] {
    const until = this.piece.untilMs ?? Number.POSITIVE_INFINITY;
    const end = Math.min(to, until);
    const out: LiveEntry[] = [];
    if (end <= this.piece.anchor.epochMs) return out;
    const s = this.from(from);
    this.walker.fastForward(s, from);
    this.remember(s);
    while (s.t < end) {
      const e = this.walker.step(s);
      this.remember(s);
      if (e.endMs > from) out.push(e.endMs > until ? clip(e, until) : e);
    }
    return out;
  }
}

/** An entry cut at a segment boundary (an edit that took effect mid-item). */
function clip(e: LiveEntry, until: number): LiveEntry {
  const segments = [];
  let t = e.startMs;
  for (const s of e.segments) {
    if (t >= until) break;
    segments.push(s);
    t += s.ms;
  }
  return { ...e, endMs: t, segments };
}

/** A channel's whole timeline: its pieces in order (usually one or two). */
export class LiveTimeline {
  private readonly walks: PieceWalk[];

  constructor(pieces: readonly TimelinePiece[]) {
    if (pieces.length === 0) throw new Error('A live timeline needs at least one piece');
    this.walks = pieces.map((p) => new PieceWalk(p));
  }

  /** The program of the piece on air at t (older pieces name items that may since have gone). */
  programAt(t: number): LiveProgram {
    for (let i = this.walks.length - 1; i > 0; i--) if (t >= this.walks[i]!.piece.anchor.epochMs) return this.walks[i]!.piece.program;
    return this.walks[0]!.piece.program;
  }

  /** Every piece's program (what the kept history and the current config may air). */
  programs(): LiveProgram[] {
    return this.walks.map((w) => w.piece.program);
  }

  firstEpochMs(): number {
    return this.walks[0]!.piece.anchor.epochMs;
  }

  get current(): TimelinePiece {
    return this.walks.at(-1)!.piece;
  }

  entries(from: number, to: number): LiveEntry[] {
    const out: LiveEntry[] = [];
    for (const [i, w] of this.walks.entries()) {
      const next = this.walks[i + 1];
      const start = i === 0 ? from : Math.max(from, w.piece.anchor.epochMs);
      const stop = next ? Math.min(to, next.piece.anchor.epochMs) : to;
      if (stop > start) out.push(...w.entries(start, stop));
    }
    return out;
  }

  /** The entry on air at t (entries are contiguous, so there always is one from the first anchor on). */
  entryAt(t: number): LiveEntry | null {
    return this.entries(t, t + 1).find((e) => e.startMs <= t && t < e.endMs) ?? null;
  }

  /**
   * Where an edit made at `now` takes over: at the end of the entry on air ('entry': finish
   * what is playing), or at the end of the segment on air ('segment': an item deleted on air).
   */
  cutPoint(now: number, mode: 'entry' | 'segment'): { untilMs: number; msnBase: number; discBase: number; onAirKey: string | null } {
    const e = this.entryAt(now);
    if (!e) {
      const a = this.walks[0]!.piece.anchor;
      return { untilMs: a.epochMs, msnBase: a.msnBase, discBase: a.discBase, onAirKey: null };
    }
    if (mode === 'entry') return { untilMs: e.endMs, msnBase: e.msn + e.segments.length, discBase: e.disc + 1, onAirKey: e.key };
    let t = e.startMs;
    let msn = e.msn;
    for (const s of e.segments) {
      t += s.ms;
      msn++;
      if (t > now) break;
    }
    return { untilMs: t, msnBase: msn, discBase: e.disc + 1, onAirKey: e.key };
  }
}
