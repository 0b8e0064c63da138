import RAPIER from '@dimforge/rapier3d-compat';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldCollider } from '../../shared/jobs/world-generate.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import { generateWorldAsset } from '../../worker/world/pipeline.js';
import { MAX_SPEED, createPhysicsWorld, readBodies, stepClamped, type PhysicsBody } from '../../worker/world/physics.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-world-phys-'));
let bodies: PhysicsBody[];

beforeAll(async () => {
  await RAPIER.init();
  // Real generated colliders: a crate (box), a barrel (convex hull), a rock (convex hull).
  const assets: Array<{ collider: WorldCollider; massKg: number }> = [];
  for (const p of ['a crate', 'a barrel', 'a small rock']) {
    const r = composeRecipe(p).recipe;
    const a = await generateWorldAsset({ ...r, generationPlan: { ...r.generationPlan, textureStrategy: 'flat' } }, { workDir: join(dir, p) });
    assets.push({ collider: a.collider, massKg: a.massKg });
  }
  bodies = Array.from({ length: 24 }, (_, i) => ({ ...assets[i % 3]!, position: [(i % 4) * 0.3 - 0.45, 1 + Math.floor(i / 4) * 1.1, ((i * 7) % 5) * 0.2 - 0.4] as [number, number, number] }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const poses = (w: RAPIER.World, handles: number[]) => handles.map((h) => { const t = w.getRigidBody(h).translation(); const r = w.getRigidBody(h).rotation(); return [t.x, t.y, t.z, r.x, r.y, r.z, r.w]; });

describe('world physics (Rapier) determinism', () => {
  it('save (snapshot) → load → step matches stepping on, bit for bit', () => {
    const { world, handles } = createPhysicsWorld(RAPIER, bodies);
    for (let i = 0; i < 60; i++) stepClamped(world);
    const saved = world.takeSnapshot();
    const loaded = RAPIER.World.restoreSnapshot(saved);
    for (let i = 0; i < 120; i++) {
      stepClamped(world);
      stepClamped(loaded);
    }
    expect(poses(loaded, handles)).toEqual(poses(world, handles));
    // and the pile did move: bodies fell and collided
    expect(poses(world, handles).some((p, i) => Math.abs(p[1]! - bodies[i]!.position[1]) > 0.5)).toBe(true);
  });

  it('a world rebuilt from saved poses and velocities steps the same way every time', () => {
    const a = createPhysicsWorld(RAPIER, bodies);
    for (let i = 0; i < 45; i++) stepClamped(a.world);
    const saved = JSON.parse(JSON.stringify(readBodies(a.world, a.handles, bodies))) as PhysicsBody[];
    const b = createPhysicsWorld(RAPIER, saved);
    const c = createPhysicsWorld(RAPIER, saved);
    for (let i = 0; i < 90; i++) {
      stepClamped(b.world);
      stepClamped(c.world);
    }
    expect(poses(b.world, b.handles)).toEqual(poses(c.world, c.handles));
    // the loaded bodies start where they were saved
    const d = createPhysicsWorld(RAPIER, saved);
    expect(poses(d.world, d.handles).map((p) => p.slice(0, 3))).toEqual(saved.map((s) => s.position.map((v) => Math.fround(v))));
  });

  it('a physics explosion is clamped: no body faster than the limit, all positions finite', () => {
    const wild = bodies.map((b) => ({ ...b, linvel: [1e6, -1e6, 5e5] as [number, number, number] }));
    const { world, handles } = createPhysicsWorld(RAPIER, wild);
    for (let i = 0; i < 10; i++) stepClamped(world);
    for (const h of handles) {
      const v = world.getRigidBody(h).linvel();
      expect(Math.hypot(v.x, v.y, v.z)).toBeLessThanOrEqual(MAX_SPEED * 1.0001);
      const t = world.getRigidBody(h).translation();
      expect([t.x, t.y, t.z].every(Number.isFinite)).toBe(true);
    }
  });
});
