import { describe, expect, it } from 'vitest';
import { freeSpot, type Footprint } from '../../shared/world/free-spot.js';

const overlap = (a: Footprint, b: Footprint) => Math.abs(a.x - b.x) < a.halfX + b.halfX && Math.abs(a.z - b.z) < a.halfZ + b.halfZ;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot(3, -2, 0.5, 0.5, [{ x: 10, z: 10, halfX: 1, halfZ: 1 }])).toEqual({ x: 3, z: -2 });
    expect(freeSpot(0, 0, 0.5, 0.5, [])).toEqual({ x: 0, z: 0 });
  });

  it('moves to the nearest spot that overlaps nothing, and fills around a crowd without overlaps', () => {
    const taken: Footprint[] = [];
    for (let i = 0; i < 30; i++) {
      const half = i % 3 === 0 ? 1.2 : 0.4;
      const at = freeSpot(0, 0, half, half, taken);
      const box = { x: at.x, z: at.z, halfX: half, halfZ: half };
      for (const t of taken) expect(overlap(box, t), `${JSON.stringify(box)} overlaps ${JSON.stringify(t)}`).toBe(false);
      taken.push(box);
    }
    // The second object is right next to the first, not far away.
    const second = freeSpot(0, 0, 0.5, 0.5, [{ x: 0, z: 0, halfX: 0.5, halfZ: 0.5 }]);
    expect(Math.hypot(second.x, second.z)).toBeLessThan(1.2);
  });

  it('stays on the snap grid, and gives the wanted spot back when nothing near is free', () => {
    const at = freeSpot(1, 1, 0.3, 0.3, [{ x: 1, z: 1, halfX: 0.5, halfZ: 0.5 }], 0.5);
    expect(Number.isInteger(at.x / 0.5) && Number.isInteger(at.z / 0.5)).toBe(true);
    expect(at).not.toEqual({ x: 1, z: 1 });
    const wall = [{ x: 0, z: 0, halfX: 1000, halfZ: 1000 }];
    expect(freeSpot(0, 0, 0.5, 0.5, wall)).toEqual({ x: 0, z: 0 });
  });
});
