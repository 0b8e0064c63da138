import RAPIER from '@dimforge/rapier3d-compat';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../shared/schemas/world.js';
import { applyStroke, createTerrain, sampleHeight } from '../../shared/world/terrain.js';
import { PhysicsWorld } from '../../renderer/studios/world/scene/physics.js';

const now = '2026-12-06T16:00:00.000Z';
function box(id: string, position: [number, number, number], over: Partial<Entity> = {}): Entity {
  return {
    id,
    worldId: 'w',
    assetId: null,
    name: id,
    transform: { position, rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
    physics: { bodyType: 'dynamic', massKg: 5, gravityScale: 1, friction: 0.6, restitution: 0, collider: 'box' },
    render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} },
    behaviour: { pickupable: true, throwable: true, breakable: false },
    status: 'ready',
    jobId: null,
    parentId: null,
    prefabId: null,
    placeholder: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  } as Entity;
}

describe('the World editor physics (renderer/studios/world/scene/physics.ts in Node)', () => {
  beforeAll(async () => {
    await RAPIER.init();
  });

  it('build mode holds bodies where the entities are; play drops a box onto sculpted terrain', () => {
    const p = new PhysicsWorld(RAPIER, -9.81);
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 4, z: 4, radius: 8, strength: 1 });
    p.syncTerrain(t, {});
    p.declare({ entity: box('a', [4, 5, 4]), size: [1, 1, 1] });
    p.step(1);
    expect(p.poses().get('a')!.position).toEqual([4, 5, 4]);
    p.setSimulating(true);
    for (let i = 0; i < 240; i++) p.step(1 / 60);
    const y = p.poses().get('a')!.position[1];
    // The pivot is at ground contact: it rests on the raised ground, not on y = 0.
    expect(y).toBeGreaterThan(0.3);
    expect(Math.abs(y - sampleHeight(t, 4, 4))).toBeLessThan(0.25);
    p.dispose();
  });

  it('prefab children ride on their root body; static bodies do not move; settle brings a throw to rest', () => {
    const p = new PhysicsWorld(RAPIER, -9.81);
    p.syncTerrain(createTerrain(), {});
    p.declare({ entity: box('root', [0, 3, 0]), size: [1, 1, 1] });
    p.declare({ entity: box('kid', [0, 1, 0], { parentId: 'root' }), size: [0.5, 0.5, 0.5] });
    p.declare({ entity: box('wall', [5, 0, 0], { physics: { bodyType: 'static', massKg: 0, gravityScale: 1, friction: 0.6, restitution: 0, collider: 'box' } }), size: [1, 2, 4] });
    p.setSimulating(true);
    expect([...p.poses().keys()].sort()).toEqual(['root', 'wall']);
    expect(p.body('root')!.numColliders()).toBe(2);
    p.body('root')!.setLinvel({ x: 3, y: 4, z: 0 }, true);
    p.step(1 / 60);
    p.settle(6);
    expect(p.poses().get('wall')!.position).toEqual([5, 0, 0]);
    const v = p.body('root')!.linvel();
    expect(Math.hypot(v.x, v.y, v.z)).toBeLessThan(0.06);
    const at = p.poses().get('root')!.position;
    expect(p.raycast([at[0], 20, at[2]], [0, -1, 0], 50)?.entityId).toBe('root');
    p.dispose();
  });

  it('a physics explosion stays local: speeds are capped and a body that fell out goes home; calls after dispose are ignored', () => {
    const p = new PhysicsWorld(RAPIER, -9.81);
    p.declare({ entity: box('x', [0, 1, 0]), size: [1, 1, 1] });
    p.setSimulating(true);
    p.body('x')!.setLinvel({ x: 5000, y: 0, z: 0 }, true);
    p.step(1 / 60);
    const v = p.body('x')!.linvel();
    expect(Math.hypot(v.x, v.y, v.z)).toBeLessThanOrEqual(60.001);
    p.body('x')!.setTranslation({ x: 0, y: -100, z: 0 }, true);
    p.step(1 / 60);
    expect(p.poses().get('x')!.position[1]).toBeGreaterThan(-5);
    p.dispose();
    expect(() => {
      p.declare({ entity: box('y', [0, 0, 0]), size: [1, 1, 1] });
      p.forget('x');
      p.step(1 / 60);
    }).not.toThrow();
  });
});
