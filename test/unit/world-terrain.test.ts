import RAPIER from '@dimforge/rapier3d-compat';
import { describe, expect, it } from 'vitest';
import {
  CELL_M,
  CHUNK_M,
  VERTS,
  applyStamp,
  applyStroke,
  chunkKey,
  chunkOrigin,
  cloneTerrain,
  createTerrain,
  decodeChunk,
  decodeTerrain,
  encodeChunk,
  encodeTerrain,
  sampleHeight,
  validateStroke,
  type Terrain,
} from '../../shared/world/terrain.js';

const heightsOf = (t: Terrain) => [...t.chunks.values()].map((c) => Array.from(c.heights));

describe('world terrain (pure heightmap + brushes)', () => {
  it('raises a bump centred on the brush and leaves far ground flat', () => {
    const t = createTerrain();
    const res = applyStroke(t, { tool: 'raise', x: 5, z: 5, radius: 6, strength: 0.5 });
    expect(res.changed.length).toBeGreaterThan(0);
    expect(sampleHeight(t, 5, 5)).toBeGreaterThan(0.2);
    expect(sampleHeight(t, 40, 40)).toBe(0);
    expect(sampleHeight(t, 5, 5)).toBeGreaterThan(sampleHeight(t, 8, 5));
  });

  it('is deterministic: the same strokes give the same heights (noise included)', () => {
    const strokes = [
      { tool: 'raise', x: 0, z: 0, radius: 10, strength: 0.8 },
      { tool: 'noise', x: 3, z: -2, radius: 8, strength: 0.6, seed: 42 },
      { tool: 'smooth', x: 1, z: 1, radius: 5, strength: 0.5 },
      { tool: 'terrace', x: 0, z: 0, radius: 12, strength: 1, step: 0.5 },
      { tool: 'paint', x: 0, z: 0, radius: 4, strength: 1, layer: 'rock' },
    ] as const;
    const a = createTerrain();
    const b = createTerrain();
    for (const s of strokes) applyStroke(a, s);
    for (const s of strokes) applyStroke(b, s);
    expect(heightsOf(a)).toEqual(heightsOf(b));
    expect(encodeTerrain(a)).toEqual(encodeTerrain(b));
  });

  it('writes chunk-edge vertices into both neighbours, so meshes and colliders meet', () => {
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 0, z: 0, radius: 6, strength: 1 });
    const right = t.chunks.get(chunkKey(0, 0))!;
    const left = t.chunks.get(chunkKey(-1, 0))!;
    for (let iz = 0; iz < VERTS; iz++) expect(left.heights[iz * VERTS + (VERTS - 1)]).toBe(right.heights[iz * VERTS]);
    expect(right.heights[0]).toBeGreaterThan(0);
  });

  it('flatten pulls towards the target, lower digs, paint keeps splat weights summing to 255', () => {
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 0, z: 0, radius: 8, strength: 1 });
    for (let i = 0; i < 20; i++) applyStroke(t, { tool: 'flatten', x: 0, z: 0, radius: 8, strength: 1, targetHeight: 0.5 });
    expect(sampleHeight(t, 0, 0)).toBeCloseTo(0.5, 1);
    applyStroke(t, { tool: 'lower', x: 20, z: 20, radius: 4, strength: 1 });
    expect(sampleHeight(t, 20, 20)).toBeLessThan(0);
    applyStroke(t, { tool: 'paint', x: 10, z: 10, radius: 4, strength: 0.7, layer: 'sand' });
    for (const c of t.chunks.values()) for (let i = 0; i < VERTS * VERTS; i++) expect(c.splat[i * 3]! + c.splat[i * 3 + 1]! + c.splat[i * 3 + 2]!).toBe(255);
  });

  it('refuses NaN and out-of-range strokes naming the field', () => {
    expect(validateStroke({ tool: 'raise', x: Number.NaN, z: 0, radius: 2, strength: 0.5 })).toMatch(/^x /);
    expect(validateStroke({ tool: 'raise', x: 0, z: 0, radius: 0, strength: 0.5 })).toMatch(/radius/);
    expect(validateStroke({ tool: 'paint', x: 0, z: 0, radius: 2, strength: 0.5 })).toMatch(/layer/);
    expect(() => applyStroke(createTerrain(), { tool: 'raise', x: 0, z: 0, radius: 2, strength: 2 })).toThrow(/strength/);
  });

  it('encodes only edited chunks and decodes them back exactly; refuses corrupt ones', () => {
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 20, z: -20, radius: 5, strength: 0.7 });
    const stored = encodeTerrain(t);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(t.chunks.size);
    expect(heightsOf(decodeTerrain(stored))).toEqual(heightsOf(t));
    const one = stored[0]!;
    expect(() => decodeChunk({ ...one, heights: one.heights.slice(0, 40) })).toThrow(/heights hold/);
    const nan = cloneTerrain(t).chunks.get(chunkKey(one.cx, one.cz))!;
    nan.heights[3] = Number.NaN;
    expect(() => decodeChunk(encodeChunk(nan))).toThrow(/not a finite number/);
    expect(() => decodeChunk({ ...one, cx: 99 })).toThrow(/outside/);
  });

  it('stamps landforms from prompts: a hill rises, a crater sinks inside a raised rim, outside stays flat', () => {
    const t = createTerrain();
    applyStamp(t, { shape: 'hill', x: -20, z: -20, width: 16, depth: 16, height: 4 });
    expect(sampleHeight(t, -20, -20)).toBeCloseTo(4, 1);
    expect(sampleHeight(t, -20, -8)).toBe(0);
    applyStamp(t, { shape: 'crater', x: 20, z: 20, width: 20, depth: 20, height: 3 });
    expect(sampleHeight(t, 20, 20)).toBeCloseTo(-3, 1);
    expect(sampleHeight(t, 28, 20)).toBeGreaterThan(0.5);
    expect(() => applyStamp(t, { shape: 'hill', x: Number.NaN, z: 0, width: 4, depth: 4, height: 1 })).toThrow(/x must be/);
    const again = createTerrain();
    applyStamp(again, { shape: 'hill', x: -20, z: -20, width: 16, depth: 16, height: 4 });
    applyStamp(again, { shape: 'crater', x: 20, z: 20, width: 20, depth: 20, height: 3 });
    expect(encodeTerrain(again)).toEqual(encodeTerrain(t));
  });

  it('matches a Rapier heightfield laid out the way the scene builds it (column-major, rows along z)', async () => {
    await RAPIER.init();
    const world = new RAPIER.World({ x: 0, y: -9.81, z: 0 });
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 6, z: 10, radius: 5, strength: 1 });
    const c = t.chunks.get(chunkKey(0, 0))!;
    const hf = new Float32Array(VERTS * VERTS);
    for (let iz = 0; iz < VERTS; iz++) for (let ix = 0; ix < VERTS; ix++) hf[ix * VERTS + iz] = c.heights[iz * VERTS + ix]!;
    const o = chunkOrigin(0, 0);
    world.createCollider(RAPIER.ColliderDesc.heightfield(VERTS - 1, VERTS - 1, hf, { x: CHUNK_M, y: 1, z: CHUNK_M }).setTranslation(o.x + CHUNK_M / 2, 0, o.z + CHUNK_M / 2));
    world.step();
    for (const [x, z] of [[6, 10], [4, 12], [10, 4], [2 * CELL_M, 3 * CELL_M]] as const) {
      const hit = world.castRay(new RAPIER.Ray({ x, y: 50, z }, { x: 0, y: -1, z: 0 }), 100, true);
      expect(hit).not.toBeNull();
      expect(50 - hit!.timeOfImpact).toBeCloseTo(sampleHeight(t, x, z), 3);
    }
    world.free();
  });
});
