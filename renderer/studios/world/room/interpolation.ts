/**
 * Snapshot interpolation for what the server owns (shared bodies, other players' avatars).
 * Patches arrive at ~20 Hz with jitter; drawing the newest one would stutter, so each client
 * renders the past: `delayMs` (≈ two patch intervals) behind the newest receive time, blending
 * the two snapshots around that instant (lerp for positions, slerp for rotations). Pure, so
 * unit tests drive it with fake clocks.
 */

export type V3 = [number, number, number];
export type Q4 = [number, number, number, number];
export interface Pose {
  position: V3;
  rotation: Q4;
}

interface Sample {
  t: number;
  pose: Pose;
}

export const INTERP_DELAY_MS = 100;
/** Older samples than this behind the render time are dropped (keeps the buffer small). */
const KEEP_MS = 1000;

export function lerp3(a: V3, b: V3, k: number): V3 {
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

/** Spherical interpolation of unit quaternions [x, y, z, w], taking the short way round. */
export function slerp(a: Q4, b: Q4, k: number): Q4 {
  let [bx, by, bz, bw] = b;
  let cos = a[0] * bx + a[1] * by + a[2] * bz + a[3] * bw;
  if (cos < 0) {
    cos = -cos;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let wa: number;
  let wb: number;
  if (cos > 0.9995) {
    wa = 1 - k;
    wb = k;
  } else {
    const theta = Math.acos(cos);
    const sin = Math.sin(theta);
    wa = Math.sin((1 - k) * theta) / sin;
    wb = Math.sin(k * theta) / sin;
  }
  const q: Q4 = [a[0] * wa + bx * wb, a[1] * wa + by * wb, a[2] * wa + bz * wb, a[3] * wa + bw * wb];
  const n = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/** One object's recent server poses, by local receive time. */
export class PoseBuffer {
  private samples: Sample[] = [];

  push(t: number, pose: Pose): void {
    const last = this.samples[this.samples.length - 1];
    // Same receive instant (one patch touching x then y then z): keep the latest values.
    if (last && t <= last.t) {
      last.pose = pose;
      return;
    }
    this.samples.push({ t, pose });
  }

  get size(): number {
    return this.samples.length;
  }

  latest(): Pose | null {
    return this.samples[this.samples.length - 1]?.pose ?? null;
  }

  /** The pose at `now - delayMs`: interpolated between samples, held at the ends (no extrapolation). */
  sample(now: number, delayMs = INTERP_DELAY_MS): Pose | null {
    const s = this.samples;
    if (s.length === 0) return null;
    const at = now - delayMs;
    // Drop what can no longer be needed, keeping one sample at or before `at - KEEP_MS`.
    while (s.length > 2 && s[1]!.t < at - KEEP_MS) s.shift();
    if (at <= s[0]!.t) return s[0]!.pose;
    const last = s[s.length - 1]!;
    if (at >= last.t) return last.pose;
    for (let i = s.length - 1; i > 0; i--) {
      const a = s[i - 1]!;
      const b = s[i]!;
      if (at >= a.t && at <= b.t) {
        const k = b.t === a.t ? 1 : (at - a.t) / (b.t - a.t);
        return { position: lerp3(a.pose.position, b.pose.position, k), rotation: slerp(a.pose.rotation, b.pose.rotation, k) };
      }
    }
    return last.pose;
  }
}

/** Buffers for many objects by id; ids the server no longer sends are removed with `drop`. */
export class Interpolator {
  private buffers = new Map<string, PoseBuffer>();

  push(id: string, t: number, pose: Pose): void {
    let b = this.buffers.get(id);
    if (!b) {
      b = new PoseBuffer();
      this.buffers.set(id, b);
    }
    b.push(t, pose);
  }

  sample(id: string, now: number, delayMs = INTERP_DELAY_MS): Pose | null {
    return this.buffers.get(id)?.sample(now, delayMs) ?? null;
  }

  latest(id: string): Pose | null {
    return this.buffers.get(id)?.latest() ?? null;
  }

  drop(id: string): void {
    this.buffers.delete(id);
  }

  ids(): IterableIterator<string> {
    return this.buffers.keys();
  }
}
