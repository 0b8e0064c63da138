import type RAPIER_NS from '@dimforge/rapier3d-compat';
import type { WorldCollider } from '../../shared/jobs/world-generate.js';

/**
 * A Rapier scene from generated assets (their collider JSON and mass), used by the bench and the
 * determinism tests: the same colliders the renderer's physics builds, on a static ground.
 */

type Rapier = typeof RAPIER_NS;

export interface PhysicsBody {
  collider: WorldCollider;
  massKg: number;
  position: [number, number, number];
  rotation?: [number, number, number, number];
  linvel?: [number, number, number];
  angvel?: [number, number, number];
}

/** Velocities past this are clamped (a physics explosion must not fling bodies to infinity). */
export const MAX_SPEED = 100;

export function colliderDesc(R: Rapier, c: WorldCollider): RAPIER_NS.ColliderDesc {
  if (c.type === 'box') return R.ColliderDesc.cuboid(...c.halfExtents).setTranslation(...c.center);
  if (c.type === 'convex_hull') {
    const desc = R.ColliderDesc.convexHull(Float32Array.from(c.points));
    if (!desc) throw new Error('convex hull collider: Rapier could not build a hull from the points');
    return desc;
  }
  return R.ColliderDesc.trimesh(Float32Array.from(c.vertices), Uint32Array.from(c.indices));
}

/** `canSleep: false` keeps every body simulated each step (the bench measures the full load). */
export function createPhysicsWorld(R: Rapier, bodies: readonly PhysicsBody[], opts: { canSleep?: boolean } = {}): { world: RAPIER_NS.World; handles: number[] } {
  const world = new R.World({ x: 0, y: -9.81, z: 0 });
  world.createCollider(R.ColliderDesc.cuboid(200, 0.5, 200).setTranslation(0, -0.5, 0));
  const handles = bodies.map((b) => {
    const rb = world.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(...b.position)
        .setRotation(b.rotation ? { x: b.rotation[0], y: b.rotation[1], z: b.rotation[2], w: b.rotation[3] } : { x: 0, y: 0, z: 0, w: 1 })
        .setLinvel(...(b.linvel ?? [0, 0, 0]))
        .setAngvel({ x: b.angvel?.[0] ?? 0, y: b.angvel?.[1] ?? 0, z: b.angvel?.[2] ?? 0 })
        .setCanSleep(opts.canSleep ?? true),
    );
    world.createCollider(colliderDesc(R, b.collider).setMass(b.massKg), rb);
    return rb.handle;
  });
  return { world, handles };
}

/** One fixed step, then clamp runaway velocities. */
export function stepClamped(world: RAPIER_NS.World): void {
  world.step();
  world.forEachRigidBody((rb) => {
    const v = rb.linvel();
    const s = Math.hypot(v.x, v.y, v.z);
    if (s > MAX_SPEED) rb.setLinvel({ x: (v.x / s) * MAX_SPEED, y: (v.y / s) * MAX_SPEED, z: (v.z / s) * MAX_SPEED }, true);
  });
}

/** Every body's pose and velocities, as a save would store them. */
export function readBodies(world: RAPIER_NS.World, handles: readonly number[], template: readonly PhysicsBody[]): PhysicsBody[] {
  return handles.map((h, i) => {
    const rb = world.getRigidBody(h);
    const t = rb.translation(), r = rb.rotation(), v = rb.linvel(), w = rb.angvel();
    return { ...template[i]!, position: [t.x, t.y, t.z], rotation: [r.x, r.y, r.z, r.w], linvel: [v.x, v.y, v.z], angvel: [w.x, w.y, w.z] };
  });
}
