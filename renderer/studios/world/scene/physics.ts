import type RAPIER_NS from '@dimforge/rapier3d-compat';
import { Matrix4, Quaternion, Vector3 } from 'three';
import type { WorldCollider } from '../../../../shared/jobs/world-generate.js';
import type { Entity, Transform } from '../../../../shared/schemas/world.js';
import { CHUNK_M, VERTS, chunkOrigin, type Terrain } from '../../../../shared/world/terrain.js';
import { chooseCollider } from './collider-choice.js';
import { colliderDesc } from './collider-shapes.js';

type Rapier = typeof RAPIER_NS;
type Vec3 = [number, number, number];

/**
 * The Rapier world behind the scene, used directly (not through @react-three/rapier). Entity
 * components declare a shape each; a root entity and its prefab children become one rigid body
 * with one collider per shape, rebuilt only when a declaration changed. In build mode nothing
 * steps (bodies sit where the entities say); play mode steps at a fixed 60 Hz. Terrain chunks
 * are heightfield colliders rebuilt when their revision changes.
 */

export interface ShapeDecl {
  entity: Entity;
  /** Box size in metres before scale (asset bounds or placeholder size). */
  size: Vec3;
  /** The asset's collider file once loaded (key: its media id); absent, a placeholder or still loading: a box. */
  collider?: { key: string; data: WorldCollider } | null;
}

interface BodyEntry {
  body: RAPIER_NS.RigidBody;
  /** Build-mode transform the body was made at, to put a fallen object back. */
  home: Transform;
}

const MAX_LINEAR = 60;
const MAX_ANGULAR = 40;
const FALL_LIMIT = -60;
const STEP = 1 / 60;

let rapierPromise: Promise<Rapier> | null = null;
/** Loads the Rapier wasm once per page (it is part of the lazy world chunk). */
export function loadRapier(): Promise<Rapier> {
  rapierPromise ??= import('@dimforge/rapier3d-compat').then(async (m) => {
    const R = (m.default ?? m) as Rapier;
    await R.init();
    return R;
  });
  return rapierPromise;
}

function matrixOf(t: Transform): Matrix4 {
  return new Matrix4().compose(new Vector3(...t.position), new Quaternion(...t.rotation).normalize(), new Vector3(...t.scale));
}

export class PhysicsWorld {
  readonly world: RAPIER_NS.World;
  readonly R: Rapier;
  private shapes = new Map<string, ShapeDecl>();
  private bodies = new Map<string, BodyEntry>();
  private colliderOwner = new Map<number, string>();
  /** The shape each entity's collider got (box, convex_hull, trimesh …), for the inspector and tests. */
  private shapeOf = new Map<string, string>();
  private dirtyRoots = new Set<string>();
  private terrain = new Map<string, { collider: RAPIER_NS.Collider; rev: number }>();
  private acc = 0;
  simulating = false;
  /** Set once the world is freed: late calls from unmounting components are ignored. */
  disposed = false;

  constructor(R: Rapier, gravity: number) {
    this.R = R;
    this.world = new R.World({ x: 0, y: gravity, z: 0 });
    this.world.timestep = STEP;
  }

  /** The root entity id of a shape (prefab children ride on their root's body). */
  rootOf(id: string): string {
    let cur = id;
    for (let i = 0; i < 32; i++) {
      const parent = this.shapes.get(cur)?.entity.parentId;
      if (!parent || !this.shapes.has(parent)) return cur;
      cur = parent;
    }
    return cur;
  }

  declare(decl: ShapeDecl): void {
    if (this.disposed) return;
    const prev = this.shapes.get(decl.entity.id);
    const key = (d: ShapeDecl | undefined) =>
      d && JSON.stringify([this.simulating ? null : d.entity.transform, d.entity.physics, d.entity.parentId, d.size, d.collider?.key ?? null, d.entity.assetId]);
    this.shapes.set(decl.entity.id, decl);
    if (key(prev) !== key(decl)) this.dirtyRoots.add(this.rootOf(decl.entity.id));
  }

  forget(id: string): void {
    if (this.disposed) return;
    const root = this.rootOf(id);
    this.shapes.delete(id);
    if (root === id) this.removeBody(id);
    else this.dirtyRoots.add(root);
    // Orphaned children become roots of their own.
    for (const [cid, d] of this.shapes) if (d.entity.parentId === id) this.dirtyRoots.add(cid);
  }

  private removeBody(id: string): void {
    const entry = this.bodies.get(id);
    if (!entry) return;
    for (let i = 0; i < entry.body.numColliders(); i++) this.colliderOwner.delete(entry.body.collider(i).handle);
    this.world.removeRigidBody(entry.body);
    this.bodies.delete(id);
  }

  /** Rebuilds the bodies whose shapes changed (called once per frame before stepping). */
  flush(): void {
    if (this.disposed) return;
    for (const root of this.dirtyRoots) this.buildBody(root);
    this.dirtyRoots.clear();
  }

  private buildBody(rootId: string): void {
    const root = this.shapes.get(rootId);
    const old = this.bodies.get(rootId);
    // While simulating, a rebuilt body keeps where physics had it.
    const keep = this.simulating && old ? { t: old.body.translation(), r: old.body.rotation() } : null;
    this.removeBody(rootId);
    if (!root || this.rootOf(rootId) !== rootId) return;
    const R = this.R;
    const e = root.entity;
    const type = this.simulating ? e.physics.bodyType : 'fixed';
    const desc = (type === 'dynamic' ? R.RigidBodyDesc.dynamic() : type === 'kinematic' ? R.RigidBodyDesc.kinematicPositionBased() : R.RigidBodyDesc.fixed())
      .setTranslation(...(keep ? ([keep.t.x, keep.t.y, keep.t.z] as Vec3) : e.transform.position))
      .setGravityScale(e.physics.gravityScale)
      .setCcdEnabled(true)
      .setUserData({ entityId: rootId });
    const q = keep ? keep.r : { x: e.transform.rotation[0], y: e.transform.rotation[1], z: e.transform.rotation[2], w: e.transform.rotation[3] };
    desc.setRotation(q);
    const body = this.world.createRigidBody(desc);
    this.bodies.set(rootId, { body, home: e.transform });

    const rootScale = new Vector3(...e.transform.scale);
    const addCollider = (d: ShapeDecl, local: Matrix4): void => {
      const plan = chooseCollider(d.entity.physics.collider, e.physics.bodyType, d.collider?.data ?? null, !d.entity.assetId);
      this.shapeOf.set(d.entity.id, plan.shape);
      const cd = colliderDesc(R, plan, d.size, local).setFriction(d.entity.physics.friction).setRestitution(d.entity.physics.restitution);
      if (d.entity.physics.massKg > 0) cd.setMass(d.entity.physics.massKg);
      const collider = this.world.createCollider(cd, body);
      this.colliderOwner.set(collider.handle, rootId);
    };
    // The root's own box in body space: scale only (position/rotation are the body's).
    addCollider(root, new Matrix4().makeScale(rootScale.x, rootScale.y, rootScale.z));
    const walk = (parentId: string, parentLocal: Matrix4): void => {
      for (const d of this.shapes.values()) {
        if (d.entity.parentId !== parentId) continue;
        const local = parentLocal.clone().multiply(matrixOf(d.entity.transform));
        addCollider(d, local);
        walk(d.entity.id, local);
      }
    };
    walk(rootId, new Matrix4().makeScale(rootScale.x, rootScale.y, rootScale.z));
  }

  /** Terrain chunks as heightfields, rebuilt when their revision moved. */
  syncTerrain(t: Terrain, revs: Record<string, number>): void {
    if (this.disposed) return;
    for (const [key, chunk] of t.chunks) {
      const rev = revs[key] ?? 0;
      const have = this.terrain.get(key);
      if (have && have.rev === rev) continue;
      if (have) this.world.removeCollider(have.collider, false);
      // Rapier wants column-major heights with rows along z; chunks store rows along z row-major.
      const hf = new Float32Array(VERTS * VERTS);
      for (let iz = 0; iz < VERTS; iz++) for (let ix = 0; ix < VERTS; ix++) hf[ix * VERTS + iz] = chunk.heights[iz * VERTS + ix]!;
      const o = chunkOrigin(chunk.cx, chunk.cz);
      const cd = this.R.ColliderDesc.heightfield(VERTS - 1, VERTS - 1, hf, { x: CHUNK_M, y: 1, z: CHUNK_M })
        .setTranslation(o.x + CHUNK_M / 2, 0, o.z + CHUNK_M / 2)
        .setFriction(0.8);
      this.terrain.set(key, { collider: this.world.createCollider(cd), rev });
    }
  }

  /** Switches between editing (fixed bodies at entity transforms) and simulating. */
  setSimulating(on: boolean): void {
    if (this.simulating === on) return;
    this.simulating = on;
    for (const id of this.bodies.keys()) this.dirtyRoots.add(id);
    for (const [id] of this.shapes) if (this.rootOf(id) === id) this.dirtyRoots.add(id);
    this.flush();
    this.acc = 0;
  }

  /** Advances by real elapsed time in fixed steps (at most 4 per frame, so a stall does not spiral). */
  step(dt: number, beforeStep?: () => void): void {
    if (this.disposed) return;
    this.flush();
    if (!this.simulating) return;
    this.acc = Math.min(this.acc + dt, STEP * 4);
    while (this.acc >= STEP) {
      beforeStep?.();
      this.world.step();
      this.acc -= STEP;
    }
    this.clampRunaways();
  }

  /**
   * Lets what is still moving come to rest (up to `maxSeconds` of simulated time, without
   * drawing), so leaving play does not freeze a thrown object in mid-air.
   */
  settle(maxSeconds = 4): void {
    if (this.disposed || !this.simulating) return;
    for (let i = 0; i < maxSeconds / STEP; i++) {
      let moving = false;
      for (const { body } of this.bodies.values()) {
        if (!body.isDynamic() || body.isSleeping()) continue;
        const v = body.linvel();
        const w = body.angvel();
        if (Math.hypot(v.x, v.y, v.z) > 0.05 || Math.hypot(w.x, w.y, w.z) > 0.1) {
          moving = true;
          break;
        }
      }
      if (!moving) return;
      this.world.step();
      this.clampRunaways();
    }
  }

  /** Physics explosions stay local: speeds are capped and anything that fell out of the world goes home. */
  private clampRunaways(): void {
    for (const { body, home } of this.bodies.values()) {
      if (!body.isDynamic()) continue;
      const v = body.linvel();
      const speed = Math.hypot(v.x, v.y, v.z);
      if (speed > MAX_LINEAR) body.setLinvel({ x: (v.x / speed) * MAX_LINEAR, y: (v.y / speed) * MAX_LINEAR, z: (v.z / speed) * MAX_LINEAR }, true);
      const w = body.angvel();
      const spin = Math.hypot(w.x, w.y, w.z);
      if (spin > MAX_ANGULAR) body.setAngvel({ x: (w.x / spin) * MAX_ANGULAR, y: (w.y / spin) * MAX_ANGULAR, z: (w.z / spin) * MAX_ANGULAR }, true);
      if (body.translation().y < FALL_LIMIT) {
        body.setTranslation({ x: home.position[0], y: home.position[1] + 1, z: home.position[2] }, true);
        body.setLinvel({ x: 0, y: 0, z: 0 }, true);
        body.setAngvel({ x: 0, y: 0, z: 0 }, true);
      }
    }
  }

  colliderShape(id: string): string | null {
    return this.shapes.has(id) ? (this.shapeOf.get(id) ?? null) : null;
  }

  body(id: string): RAPIER_NS.RigidBody | null {
    return this.bodies.get(id)?.body ?? null;
  }

  /** Where physics has every root entity now (position + rotation; scale is the entity's). */
  poses(): Map<string, { position: Vec3; rotation: [number, number, number, number] }> {
    const out = new Map<string, { position: Vec3; rotation: [number, number, number, number] }>();
    if (this.disposed) return out;
    for (const [id, { body }] of this.bodies) {
      const t = body.translation();
      const r = body.rotation();
      out.set(id, { position: [t.x, t.y, t.z], rotation: [r.x, r.y, r.z, r.w] });
    }
    return out;
  }

  /** The root entity a ray hits first (excluding one body, e.g. the avatar), with the distance. */
  raycast(origin: Vec3, dir: Vec3, maxDist: number, exclude?: RAPIER_NS.RigidBody): { entityId: string | null; distance: number } | null {
    if (this.disposed) return null;
    const ray = new this.R.Ray({ x: origin[0], y: origin[1], z: origin[2] }, { x: dir[0], y: dir[1], z: dir[2] });
    const hit = this.world.castRay(ray, maxDist, true, undefined, undefined, undefined, exclude);
    if (!hit) return null;
    return { entityId: this.colliderOwner.get(hit.collider.handle) ?? null, distance: hit.timeOfImpact };
  }

  /** Removes a body made outside the entity shapes (the avatar). */
  removeExtraBody(body: RAPIER_NS.RigidBody): void {
    if (!this.disposed) this.world.removeRigidBody(body);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.world.free();
  }
}
