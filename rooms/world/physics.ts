import RAPIER from '@dimforge/rapier3d-compat';
import type { Entity } from '../../shared/schemas/world.js';
import { CHUNK_M, VERTS, chunkOrigin, type TerrainChunk } from '../../shared/world/terrain.js';

type Vec3 = [number, number, number];
type Quat4 = [number, number, number, number];

const STEP = 1 / 60;
const MAX_LINEAR = 60;
const MAX_ANGULAR = 40;
const FALL_LIMIT = -60;
/** Avatar capsule (as the editor's play mode): half-height 0.5 + radius 0.35, pivot at the feet. */
const CAPSULE_HALF = 0.5;
const CAPSULE_RADIUS = 0.35;
const CAPSULE_CENTRE = CAPSULE_HALF + CAPSULE_RADIUS;

let ready: Promise<typeof RAPIER> | null = null;
/** Rapier's wasm, once per process: the same @dimforge/rapier3d-compat build the renderer steps. */
export function loadRapier(): Promise<typeof RAPIER> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}

function qmul(a: Quat4, b: Quat4): Quat4 {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
}
function qrot(q: Quat4, v: Vec3): Vec3 {
  const [x, y, z, w] = q;
  const ix = w * v[0] + y * v[2] - z * v[1];
  const iy = w * v[1] + z * v[0] - x * v[2];
  const iz = w * v[2] + x * v[1] - y * v[0];
  const iw = -x * v[0] - y * v[1] - z * v[2];
  return [ix * w + iw * -x + iy * -z - iz * -y, iy * w + iw * -y + iz * -x - ix * -z, iz * w + iw * -z + ix * -y - iy * -x];
}
const qnorm = (q: Quat4): Quat4 => {
  const n = Math.hypot(...q) || 1;
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
};

export interface BodyPose {
  id: string;
  position: Vec3;
  rotation: Quat4;
  sleeping: boolean;
}

interface Entry {
  body: RAPIER.RigidBody;
  entity: Entity;
  home: { position: Vec3; rotation: Quat4 };
}

/**
 * The room's Rapier world: one rigid body per root entity (prefab children are extra colliders
 * on their root's body, as in the editor), box colliders sized from the asset bounds or the
 * placeholder, heightfield colliders per terrain chunk, and a kinematic capsule per avatar.
 * Steps at a fixed 60 Hz; velocities are capped and a body that falls out of the world is put
 * back where it was loaded, like the editor's play mode.
 */
export class ServerPhysics {
  readonly world: RAPIER.World;
  private entries = new Map<string, Entry>();
  /** Rapier body handle → entry, for the per-step pass over awake bodies only. */
  private byHandle = new Map<number, Entry>();
  private avatars = new Map<string, RAPIER.RigidBody>();
  private terrain = new Map<string, RAPIER.Collider>();
  stepCount = 0;

  constructor(gravity: number) {
    this.world = new RAPIER.World({ x: 0, y: gravity, z: 0 });
    this.world.timestep = STEP;
  }

  /** Adds (or rebuilds) the body of a root entity and its children; sizeOf gives each entity's box in metres before scale. */
  setEntity(root: Entity, children: Entity[], sizeOf: (e: Entity) => Vec3): void {
    const prev = this.entries.get(root.id);
    const keep = prev ? { t: prev.body.translation(), r: prev.body.rotation(), v: prev.body.linvel() } : null;
    if (prev) {
      this.byHandle.delete(prev.body.handle);
      this.world.removeRigidBody(prev.body);
    }
    const type = root.physics.bodyType;
    const desc = type === 'dynamic' ? RAPIER.RigidBodyDesc.dynamic() : type === 'kinematic' ? RAPIER.RigidBodyDesc.kinematicPositionBased() : RAPIER.RigidBodyDesc.fixed();
    const pos = keep ? ([keep.t.x, keep.t.y, keep.t.z] as Vec3) : root.transform.position;
    const rot = keep ? ([keep.r.x, keep.r.y, keep.r.z, keep.r.w] as Quat4) : qnorm(root.transform.rotation);
    desc.setTranslation(...pos).setRotation({ x: rot[0], y: rot[1], z: rot[2], w: rot[3] }).setGravityScale(root.physics.gravityScale).setCcdEnabled(type === 'dynamic');
    const body = this.world.createRigidBody(desc);
    if (keep && type === 'dynamic') body.setLinvel(keep.v, true);
    const add = (e: Entity, offset: Vec3, orient: Quat4, scale: Vec3): void => {
      const size = sizeOf(e);
      const half = size.map((s, i) => Math.max(0.005, (s * Math.abs(scale[i]!)) / 2)) as Vec3;
      // Pivot at ground contact: the box sits on it.
      const up = qrot(orient, [0, half[1], 0]);
      const cd = RAPIER.ColliderDesc.cuboid(...half)
        .setTranslation(offset[0] + up[0], offset[1] + up[1], offset[2] + up[2])
        .setRotation({ x: orient[0], y: orient[1], z: orient[2], w: orient[3] })
        .setFriction(e.physics.friction)
        .setRestitution(e.physics.restitution);
      if (e.physics.massKg > 0) cd.setMass(e.physics.massKg);
      this.world.createCollider(cd, body);
    };
    const rootScale = root.transform.scale as Vec3;
    add(root, [0, 0, 0], [0, 0, 0, 1], rootScale);
    const walk = (parentId: string, offset: Vec3, orient: Quat4, scale: Vec3, depth: number): void => {
      if (depth > 8) return;
      for (const c of children) {
        if (c.parentId !== parentId) continue;
        const p = qrot(orient, c.transform.position.map((v, i) => v * scale[i]!) as Vec3);
        const o: Vec3 = [offset[0] + p[0], offset[1] + p[1], offset[2] + p[2]];
        const q = qmul(orient, qnorm(c.transform.rotation));
        const s = c.transform.scale.map((v, i) => v * scale[i]!) as Vec3;
        add(c, o, q, s);
        walk(c.id, o, q, s, depth + 1);
      }
    };
    walk(root.id, [0, 0, 0], [0, 0, 0, 1], rootScale, 0);
    const entry: Entry = { body, entity: root, home: prev?.home ?? { position: root.transform.position, rotation: qnorm(root.transform.rotation) } };
    this.entries.set(root.id, entry);
    this.byHandle.set(body.handle, entry);
  }

  removeEntity(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.byHandle.delete(e.body.handle);
    this.world.removeRigidBody(e.body);
    this.entries.delete(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  entity(id: string): Entity | null {
    return this.entries.get(id)?.entity ?? null;
  }

  /** Heightfield collider of one chunk (replaces the one it had). */
  setChunk(key: string, chunk: TerrainChunk): void {
    const have = this.terrain.get(key);
    if (have) this.world.removeCollider(have, false);
    // Rapier wants column-major heights with rows along z; chunks store rows along z row-major.
    const hf = new Float32Array(VERTS * VERTS);
    for (let iz = 0; iz < VERTS; iz++) for (let ix = 0; ix < VERTS; ix++) hf[ix * VERTS + iz] = chunk.heights[iz * VERTS + ix]!;
    const o = chunkOrigin(chunk.cx, chunk.cz);
    const cd = RAPIER.ColliderDesc.heightfield(VERTS - 1, VERTS - 1, hf, { x: CHUNK_M, y: 1, z: CHUNK_M })
      .setTranslation(o.x + CHUNK_M / 2, 0, o.z + CHUNK_M / 2)
      .setFriction(0.8);
    this.terrain.set(key, this.world.createCollider(cd));
  }

  addAvatar(sessionId: string, feet: Vec3): void {
    if (this.avatars.has(sessionId)) return;
    const body = this.world.createRigidBody(RAPIER.RigidBodyDesc.kinematicPositionBased().setTranslation(feet[0], feet[1] + CAPSULE_CENTRE, feet[2]));
    this.world.createCollider(RAPIER.ColliderDesc.capsule(CAPSULE_HALF, CAPSULE_RADIUS).setFriction(0), body);
    this.avatars.set(sessionId, body);
  }

  moveAvatar(sessionId: string, feet: Vec3): void {
    this.avatars.get(sessionId)?.setNextKinematicTranslation({ x: feet[0], y: feet[1] + CAPSULE_CENTRE, z: feet[2] });
  }

  removeAvatar(sessionId: string): void {
    const b = this.avatars.get(sessionId);
    if (b) this.world.removeRigidBody(b);
    this.avatars.delete(sessionId);
  }

  pose(id: string): BodyPose | null {
    const e = this.entries.get(id);
    if (!e) return null;
    const t = e.body.translation();
    const r = e.body.rotation();
    return { id, position: [t.x, t.y, t.z], rotation: [r.x, r.y, r.z, r.w], sleeping: e.body.isSleeping() };
  }

  /** Ids of the moving bodies (dynamic and kinematic roots), without reading their poses. */
  *movableIds(): Iterable<string> {
    for (const [id, e] of this.entries) if (e.entity.physics.bodyType !== 'static') yield id;
  }

  asleep(id: string): boolean {
    return this.entries.get(id)?.body.isSleeping() ?? false;
  }

  /** Moving bodies (dynamic and kinematic roots): what the room replicates. */
  *movable(): Iterable<BodyPose> {
    for (const [id, e] of this.entries) if (e.entity.physics.bodyType !== 'static') yield this.pose(id)!;
  }

  /** Drags a held body towards a target by velocity, so it still collides on the way. */
  dragTo(id: string, target: Vec3): void {
    const e = this.entries.get(id);
    if (!e || !e.body.isDynamic()) return;
    const t = e.body.translation();
    const k = 12;
    let v: Vec3 = [(target[0] - t.x) * k, (target[1] - t.y) * k, (target[2] - t.z) * k];
    const s = Math.hypot(...v);
    if (s > 25) v = v.map((c) => (c / s) * 25) as Vec3;
    e.body.setLinvel({ x: v[0], y: v[1], z: v[2] }, true);
    e.body.setAngvel({ x: 0, y: 0, z: 0 }, true);
  }

  setVelocity(id: string, v: Vec3): void {
    const e = this.entries.get(id);
    if (!e || !e.body.isDynamic()) return;
    e.body.setLinvel({ x: v[0], y: v[1], z: v[2] }, true);
  }

  /** Held bodies float without gravity; released ones fall again. */
  setHeld(id: string, held: boolean): void {
    const e = this.entries.get(id);
    if (e) e.body.setGravityScale(held ? 0 : e.entity.physics.gravityScale, true);
  }

  step(): void {
    this.world.step();
    this.stepCount++;
    // Only awake bodies can be too fast or falling (a pile at rest costs nothing here).
    this.world.forEachActiveRigidBody((b) => {
      if (!b.isDynamic()) return;
      const e = this.byHandle.get(b.handle);
      if (!e) return;
      const v = b.linvel();
      const speed = Math.hypot(v.x, v.y, v.z);
      if (speed > MAX_LINEAR) b.setLinvel({ x: (v.x / speed) * MAX_LINEAR, y: (v.y / speed) * MAX_LINEAR, z: (v.z / speed) * MAX_LINEAR }, true);
      const w = b.angvel();
      const spin = Math.hypot(w.x, w.y, w.z);
      if (spin > MAX_ANGULAR) b.setAngvel({ x: (w.x / spin) * MAX_ANGULAR, y: (w.y / spin) * MAX_ANGULAR, z: (w.z / spin) * MAX_ANGULAR }, true);
      if (b.translation().y < FALL_LIMIT) {
        const h = e.home;
        b.setTranslation({ x: h.position[0], y: h.position[1], z: h.position[2] }, true);
        b.setRotation({ x: h.rotation[0], y: h.rotation[1], z: h.rotation[2], w: h.rotation[3] }, true);
        b.setLinvel({ x: 0, y: 0, z: 0 }, true);
        b.setAngvel({ x: 0, y: 0, z: 0 }, true);
      }
    });
  }

  free(): void {
    this.world.free();
    this.entries.clear();
    this.byHandle.clear();
    this.avatars.clear();
    this.terrain.clear();
  }
}
