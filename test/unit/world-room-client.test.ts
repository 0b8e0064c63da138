import { describe, expect, it } from 'vitest';
import { Interpolator, PoseBuffer, slerp, type Pose, type V3 } from '../../renderer/studios/world/room/interpolation.js';
import { Predictor, SNAP_ERROR_M } from '../../renderer/studios/world/room/prediction.js';
import { parseGuestLocation } from '../../renderer/studios/world/room/guest-location.js';

const pose = (x: number, y = 0, z = 0): Pose => ({ position: [x, y, z], rotation: [0, 0, 0, 1] });

describe('room client interpolation (server bodies ~100 ms in the past)', () => {
  it('blends between the two snapshots around now - delay and holds at the ends', () => {
    const b = new PoseBuffer();
    b.push(1000, pose(0));
    b.push(1050, pose(1));
    b.push(1100, pose(3));
    expect(b.sample(1000 + 100, 100)!.position[0]).toBe(0); // at the first sample
    expect(b.sample(1125, 100)!.position[0]).toBeCloseTo(0.5, 6); // halfway 1000..1050
    expect(b.sample(1175, 100)!.position[0]).toBeCloseTo(2, 6); // halfway 1050..1100
    expect(b.sample(1500, 100)!.position[0]).toBe(3); // past the newest: held, not extrapolated
    expect(b.sample(900, 100)!.position[0]).toBe(0); // before the oldest: held
  });

  it('keeps one sample per receive instant and drops what is long past', () => {
    const b = new PoseBuffer();
    b.push(10, pose(1));
    b.push(10, pose(2));
    expect(b.size).toBe(1);
    expect(b.latest()!.position[0]).toBe(2);
    for (let t = 20; t < 5000; t += 50) b.push(t, pose(t));
    b.sample(5000, 100);
    expect(b.size).toBeLessThan(30);
  });

  it('slerps rotations the short way and stays unit length', () => {
    const half = Math.SQRT1_2;
    const q = slerp([0, 0, 0, 1], [0, half, 0, half], 0.5); // 0 → 90° about y: 45°
    expect(Math.hypot(...q)).toBeCloseTo(1, 9);
    expect(2 * Math.atan2(q[1], q[3])).toBeCloseTo(Math.PI / 4, 6);
    const neg = slerp([0, 0, 0, 1], [0, -half, 0, -half], 0.5); // same target, opposite sign
    expect(2 * Math.atan2(neg[1], neg[3])).toBeCloseTo(Math.PI / 4, 6);
  });

  it('an Interpolator forgets dropped ids', () => {
    const i = new Interpolator();
    i.push('a', 0, pose(1));
    i.push('b', 0, pose(2));
    i.drop('a');
    expect(i.sample('a', 500)).toBeNull();
    expect(i.sample('b', 500)!.position[0]).toBe(2);
    expect([...i.ids()]).toEqual(['b']);
  });
});

interface Step {
  seq: number;
  d: V3;
}
const add = (p: V3, i: Step): V3 => [p[0] + i.d[0], p[1] + i.d[1], p[2] + i.d[2]];

describe('room client prediction + reconciliation (own avatar)', () => {
  it('applies inputs at once and replays the unacknowledged ones on an ack', () => {
    const p = new Predictor<Step>(add, [0, 0, 0]);
    const a = p.apply({ d: [1, 0, 0] });
    p.apply({ d: [1, 0, 0] });
    p.apply({ d: [1, 0, 0] });
    expect(a.seq).toBe(1);
    expect(p.position()).toEqual([3, 0, 0]);
    // The host accepted input 1 exactly where we predicted: nothing to correct.
    p.reconcile(1, [1, 0, 0]);
    expect(p.position()).toEqual([3, 0, 0]);
    expect(p.unacked).toBe(2);
    expect(p.corrections).toBe(0);
  });

  it('a small correction moves the prediction and is blended out of the drawn position', () => {
    const p = new Predictor<Step>(add, [0, 0, 0]);
    p.apply({ d: [1, 0, 0] });
    p.apply({ d: [1, 0, 0] });
    p.reconcile(1, [0.5, 0, 0]); // the host clamped the first step
    expect(p.position()).toEqual([1.5, 0, 0]);
    expect(p.drawn()[0]).toBeCloseTo(2, 9); // no visible snap yet
    for (let f = 0; f < 60; f++) p.blend(1 / 60);
    expect(p.drawn()[0]).toBeCloseTo(1.5, 3);
    expect(p.corrections).toBe(1);
  });

  it('a large correction (refused move) snaps; stale acks are ignored', () => {
    const p = new Predictor<Step>(add, [0, 0, 0]);
    for (let i = 0; i < 3; i++) p.apply({ d: [SNAP_ERROR_M, 0, 0] });
    p.reconcile(3, [0, 0, 0]);
    expect(p.drawn()).toEqual([0, 0, 0]);
    p.reconcile(2, [9, 9, 9]);
    expect(p.position()).toEqual([0, 0, 0]);
  });
});

describe('guest invite location', () => {
  it('reads the session and token from the query form and the path form', () => {
    expect(parseGuestLocation('/world-room/wld_1', '?invite=abc')).toEqual({ worldId: 'wld_1', token: 'abc', basePath: '/world-room/wld_1/t/abc/' });
    expect(parseGuestLocation('/world-room/wld_1/t/abc/', '')).toEqual({ worldId: 'wld_1', token: 'abc', basePath: '/world-room/wld_1/t/abc/' });
    expect(parseGuestLocation('/world-room/wld_1', '')).toBeNull();
    expect(parseGuestLocation('/party/x', '?invite=abc')).toBeNull();
  });
});
