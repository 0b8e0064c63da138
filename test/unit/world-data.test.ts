import { describe, expect, it } from 'vitest';
import { recipeEmbedding } from '../../electron/host/world/recipe-embedding.js';
import { composeTransforms } from '../../electron/host/world/transforms.js';
import { eulerDegToQuat, migrateEntity, migrateSettings, repairPhysics, repairTransform } from '../../electron/host/world/world-migrations.js';
import { Transform, WORLD_VERSION } from '../../shared/schemas/world.js';

const round = (v: number[]) => v.map((x) => Math.round(x * 1e4) / 1e4 + 0);

describe('world version migration', () => {
  it('turns v1 Euler degrees into the same rotation as a quaternion, mass into massKg, interaction into behaviour', () => {
    expect(WORLD_VERSION).toBe(2);
    expect(round(eulerDegToQuat([0, 0, 0]))).toEqual([0, 0, 0, 1]);
    expect(round(eulerDegToQuat([90, 0, 0]))).toEqual([0.7071, 0, 0, 0.7071]);
    expect(round(eulerDegToQuat([0, 0, 180]))).toEqual([0, 0, 1, 0]);
    const m = migrateEntity({ transform: { position: [1, 2, 3], rotation: [0, 90, 0], scale: [1, 1, 1] }, physics: { bodyType: 'static', mass: 7 }, render: { tint: '#112233' }, behaviour: { interaction: { pickup: false, throwable: true } } }, 1);
    expect(Transform.parse(m.transform).rotation.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0.7071, 0, 0.7071]);
    expect(m.physics).toMatchObject({ bodyType: 'static', massKg: 7, collider: 'box' });
    expect(m.physics).not.toHaveProperty('mass');
    expect(m.render).toMatchObject({ tint: '#112233', castShadow: true, materialOverrides: {} });
    expect(m.behaviour).toEqual({ pickupable: false, throwable: true, breakable: false });
    expect(migrateSettings({ style: 'toon' }, 1)).toMatchObject({ style: 'toon', scaleUnit: 'm', budget: { maxEntities: 2000 }, gravity: -9.81 });
    // Current rows pass through untouched.
    const current = { transform: { position: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] }, physics: {}, render: {}, behaviour: {} };
    expect(migrateEntity(current, WORLD_VERSION)).toBe(current);
  });

  it('repairs what an explosion left: non-finite → default, far → clamped, zero quaternion → identity', () => {
    expect(repairTransform({ position: [null, 1e9, -2], rotation: [0, 0, 0, 0], scale: [0, 5000, null] })).toEqual({ position: [0, 100000, -2], rotation: [0, 0, 0, 1], scale: [0.001, 1000, 1] });
    expect(repairTransform({ position: [1, 2, 3], rotation: [0, 2, 0, 0], scale: [1, 1, 1] }).rotation).toEqual([0, 1, 0, 0]);
    expect(repairPhysics({ bodyType: 'wobbly', massKg: -5, friction: null })).toEqual({ bodyType: 'dynamic', massKg: 0, gravityScale: 1, friction: 0.6, restitution: 0.1, collider: 'box' });
  });
});

describe('prefab transforms', () => {
  it('composes parent ∘ child (rotation applied to the scaled offset)', () => {
    const parent = { position: [10, 0, 0], rotation: [0, Math.SQRT1_2, 0, Math.SQRT1_2], scale: [2, 2, 2] } as Transform;
    const child = { position: [1, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } as Transform;
    const c = composeTransforms(parent, child);
    expect(round(c.position)).toEqual([10, 0, -2]);
    expect(round(c.rotation)).toEqual([0, 0.7071, 0, 0.7071]);
    expect(c.scale).toEqual([2, 2, 2]);
  });
});

describe('recipe embedding', () => {
  const emb = (name: string, shape: string, mat: string, size: [number, number, number]) =>
    recipeEmbedding({ kind: 'prop', displayName: name, tags: [], recipe: { shape, materials: [{ type: mat }], style: 'lowpoly', physics: { body: 'dynamic' } }, scaleMeters: size });
  const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
  it('is unit length, deterministic, and near for similar recipes', () => {
    const crate = emb('Oak crate', 'crate', 'wood', [1, 1, 1]);
    expect(Math.hypot(...crate)).toBeCloseTo(1, 5);
    expect([...emb('Oak crate', 'crate', 'wood', [1, 1, 1])]).toEqual([...crate]);
    const pine = emb('Pine crate', 'crate', 'wood', [0.9, 0.9, 0.9]);
    const tower = emb('Stone tower', 'tower', 'stone', [4, 12, 4]);
    expect(cos(crate, pine)).toBeGreaterThan(cos(crate, tower));
    expect(cos(crate, pine)).toBeGreaterThan(0.6);
  });
});
