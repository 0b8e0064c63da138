/**
 * Where a new object goes when the spot the camera points at is taken: the nearest place around
 * it whose footprint (on the ground plane) overlaps nothing already there. Spawning twice without
 * moving the camera used to put the second object inside the first.
 */

/** An axis-aligned footprint on the ground: centre and half extents in metres. */
export interface Footprint {
  x: number;
  z: number;
  halfX: number;
  halfZ: number;
}

const GAP_M = 0.1;
const MAX_RINGS = 12;

function overlaps(a: Footprint, b: Footprint): boolean {
  return Math.abs(a.x - b.x) < a.halfX + b.halfX + GAP_M && Math.abs(a.z - b.z) < a.halfZ + b.halfZ + GAP_M;
}

/**
 * The free centre nearest to (x, z) for a footprint of halfX × halfZ among `taken`, searched on a
 * grid of candidates spaced by the footprint (rounded up to `snap` when set, so the result stays on
 * the grid) up to 12 steps out. (x, z) itself when it is free, or when none of those is.
 */
export function freeSpot(x: number, z: number, halfX: number, halfZ: number, taken: readonly Footprint[], snap = 0): { x: number; z: number } {
  const fits = (cx: number, cz: number) => !taken.some((t) => overlaps({ x: cx, z: cz, halfX, halfZ }, t));
  if (fits(x, z)) return { x, z };
  const grid = (v: number) => (snap > 0 ? Math.ceil(v / snap) * snap : v);
  const stepX = grid(2 * halfX + GAP_M);
  const stepZ = grid(2 * halfZ + GAP_M);
  // Every candidate within the rings, nearest first (steps may differ in x and z, so ring order
  // alone is not distance order).
  const candidates: Array<{ x: number; z: number; d: number }> = [];
  for (let i = -MAX_RINGS; i <= MAX_RINGS; i++) {
    for (let j = -MAX_RINGS; j <= MAX_RINGS; j++) {
      if (i === 0 && j === 0) continue;
      candidates.push({ x: x + i * stepX, z: z + j * stepZ, d: Math.hypot(i * stepX, j * stepZ) });
    }
  }
  candidates.sort((a, b) => a.d - b.d);
  for (const c of candidates) if (fits(c.x, c.z)) return { x: c.x, z: c.z };
  return { x, z };
}
