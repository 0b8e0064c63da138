import type { V3 } from './interpolation.js';

/**
 * Client-side prediction with server reconciliation for the player's own avatar. Each input is
 * applied locally at once (no round-trip lag) and kept, numbered, until the server acknowledges
 * its sequence number with an authoritative position. Then the prediction restarts from that
 * position and replays the inputs the server has not seen yet. What is left between the drawn
 * position and the corrected one is blended out over a few frames instead of snapping, unless it
 * is large (the server refused a move, a respawn): then it snaps. Pure: the step function is
 * passed in, so unit tests can run it without three.js or a socket.
 */

export interface PredictedInput {
  seq: number;
}

export type StepFn<I extends PredictedInput> = (position: V3, input: I) => V3;

/** Corrections above this (metres) snap instead of blending: a refused move or a teleport by the server. */
export const SNAP_ERROR_M = 2.5;
/** Fraction of the remaining visual error removed per 60 Hz frame. */
const BLEND_PER_FRAME = 0.2;
/** Never keep more unacknowledged inputs than this (about 4 s at 60 Hz): a stalled link. */
const MAX_PENDING = 240;

export class Predictor<I extends PredictedInput> {
  private pending: I[] = [];
  private predicted: V3;
  /** Drawn = predicted + offset; the offset decays to zero after a correction. */
  private offset: V3 = [0, 0, 0];
  private nextSeq = 1;
  lastAck = 0;
  corrections = 0;

  constructor(
    private readonly step: StepFn<I>,
    start: V3,
  ) {
    this.predicted = [...start];
  }

  /** Numbers the input, applies it locally and keeps it for replay; returns it to be sent. */
  apply(input: Omit<I, 'seq'>): I {
    const full = { ...input, seq: this.nextSeq++ } as I;
    this.pending.push(full);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.predicted = this.step(this.predicted, full);
    return full;
  }

  /**
   * The server's word: `position` after processing every input up to `ackSeq`. Older or
   * repeated acks are ignored (patches can carry the same ack twice).
   */
  reconcile(ackSeq: number, position: V3): void {
    if (ackSeq < this.lastAck) return;
    this.lastAck = ackSeq;
    this.pending = this.pending.filter((i) => i.seq > ackSeq);
    let p: V3 = [...position];
    for (const i of this.pending) p = this.step(p, i);
    const drawn = this.drawn();
    const err: V3 = [drawn[0] - p[0], drawn[1] - p[1], drawn[2] - p[2]];
    const size = Math.hypot(err[0], err[1], err[2]);
    if (size > 1e-4) this.corrections++;
    this.offset = size > SNAP_ERROR_M ? [0, 0, 0] : err;
    this.predicted = p;
  }

  /** Restart from a position the server imposed (join, reconnect, respawn). */
  reset(position: V3): void {
    this.pending = [];
    this.predicted = [...position];
    this.offset = [0, 0, 0];
  }

  /** Advance the visual blend by one frame of `dtSec`. */
  blend(dtSec: number): void {
    const k = 1 - Math.pow(1 - BLEND_PER_FRAME, Math.max(0, dtSec) * 60);
    this.offset = [this.offset[0] * (1 - k), this.offset[1] * (1 - k), this.offset[2] * (1 - k)];
  }

  /** Where the avatar is drawn (and the camera sits). */
  drawn(): V3 {
    return [this.predicted[0] + this.offset[0], this.predicted[1] + this.offset[1], this.predicted[2] + this.offset[2]];
  }

  /** The uncorrected prediction (what the next input starts from). */
  position(): V3 {
    return [...this.predicted];
  }

  get unacked(): number {
    return this.pending.length;
  }
}
