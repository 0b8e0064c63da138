import type { PartyPlayback } from '../../schemas/video-party.js';

/** Where the party is now (seconds), from the last sync and the server clock. */
export function expectedPosition(pb: PartyPlayback, serverNow: number): number {
  if (pb.state !== 'playing') return pb.position;
  return Math.max(0, pb.position + (serverNow - pb.at) / 1000);
}

export interface DriftOptions {
  /** Further off than this (s): jump. */
  seekAbove: number;
  /** Closer than this (s): play at normal speed. */
  deadband: number;
  /** Largest playbackRate nudge either way (0.05 = ±5 %). */
  maxNudge: number;
  /** Rate change per second of drift, before clamping. */
  gain: number;
}

export const DEFAULT_DRIFT: DriftOptions = { seekAbove: 1, deadband: 0.04, maxNudge: 0.05, gain: 0.5 };

export type DriftCorrection = { kind: 'seek'; to: number } | { kind: 'rate'; rate: number };

/**
 * Small drift is corrected by playing slightly faster or slower (inaudible at ±5 %, no
 * re-buffering); a large one (a guest who buffered, tabbed away or joined late) by a seek.
 */
export function driftCorrection(actual: number, expected: number, opts: DriftOptions = DEFAULT_DRIFT): DriftCorrection {
  const ahead = actual - expected;
  if (!Number.isFinite(ahead) || Math.abs(ahead) > opts.seekAbove) return { kind: 'seek', to: Math.max(0, expected) };
  if (Math.abs(ahead) < opts.deadband) return { kind: 'rate', rate: 1 };
  const nudge = Math.min(opts.maxNudge, Math.max(-opts.maxNudge, -ahead * opts.gain));
  return { kind: 'rate', rate: Math.round((1 + nudge) * 1000) / 1000 };
}

/**
 * Offset between this clock and the server's, from ping/pong round trips: each sample assumes
 * the server read its clock half-way through the round trip, and the sample with the smallest
 * round trip of the recent ones wins (least queueing, least error).
 */
export class ClockOffset {
  private samples: { rtt: number; offset: number }[] = [];

  constructor(private readonly keep = 8) {}

  add(t0: number, serverTime: number, t1: number): void {
    const rtt = Math.max(0, t1 - t0);
    this.samples.push({ rtt, offset: serverTime - (t0 + t1) / 2 });
    if (this.samples.length > this.keep) this.samples.shift();
  }

  get ready(): boolean {
    return this.samples.length > 0;
  }

  /** ms to add to the local clock to get the server's. */
  get offset(): number {
    let best: { rtt: number; offset: number } | undefined;
    for (const s of this.samples) if (!best || s.rtt < best.rtt) best = s;
    return best?.offset ?? 0;
  }

  get rtt(): number {
    return this.samples.reduce((m, s) => Math.min(m, s.rtt), Number.POSITIVE_INFINITY);
  }
}
