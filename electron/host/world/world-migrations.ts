import { DEFAULT_WORLD_SETTINGS, EntityBehaviour, EntityPhysics, EntityRender, Transform, WORLD_EXTENT_M, WORLD_VERSION, WorldSettings, type Quat } from '../../../shared/schemas/world.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_PHYSICS, DEFAULT_RENDER } from './defaults.js';

/**
 * Stored world shapes and how an older one becomes the current one (WORLD_VERSION), run when a
 * world is loaded. Version 1 (the first world files): rotation as Euler degrees [x, y, z] (XYZ
 * order), physics.mass without a collider, render with only a tint, behaviour as `interaction`
 * {pickup, throwable}, settings without budget or gravity. Version 2 is shared/schemas/world.ts.
 *
 * After the shape steps every entity is repaired rather than refused, so a world saved in the
 * middle of a physics explosion (NaN or huge positions) still loads: non-finite numbers take the
 * default, positions are clamped to the world extent, scales to their range.
 */

export interface StoredEntityParts {
  transform: unknown;
  physics: unknown;
  render: unknown;
  behaviour: unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Euler XYZ (degrees) → quaternion [x, y, z, w] (three.js order 'XYZ'). */
export function eulerDegToQuat([x, y, z]: [number, number, number]): Quat {
  const r = Math.PI / 360;
  const c1 = Math.cos(x * r), c2 = Math.cos(y * r), c3 = Math.cos(z * r);
  const s1 = Math.sin(x * r), s2 = Math.sin(y * r), s3 = Math.sin(z * r);
  return [s1 * c2 * c3 + c1 * s2 * s3, c1 * s2 * c3 - s1 * c2 * s3, c1 * c2 * s3 + s1 * s2 * c3, c1 * c2 * c3 - s1 * s2 * s3];
}

function entityV1toV2(e: StoredEntityParts): StoredEntityParts {
  const t = obj(e.transform);
  const rot = Array.isArray(t.rotation) ? (t.rotation as unknown[]) : [];
  const rotation = rot.length === 3 ? eulerDegToQuat([num(rot[0], 0), num(rot[1], 0), num(rot[2], 0)]) : t.rotation;
  const p = obj(e.physics);
  const physics = { ...p, massKg: p.massKg ?? p.mass, collider: p.collider ?? 'box' };
  delete (physics as Obj).mass;
  const b = obj(e.behaviour);
  const i = obj(b.interaction ?? e.behaviour);
  return {
    transform: { ...t, rotation },
    physics,
    render: { ...DEFAULT_RENDER, ...obj(e.render) },
    behaviour: { pickupable: i.pickupable ?? i.pickup ?? DEFAULT_BEHAVIOUR.pickupable, throwable: i.throwable ?? DEFAULT_BEHAVIOUR.throwable, breakable: i.breakable ?? DEFAULT_BEHAVIOUR.breakable },
  };
}

function settingsV1toV2(s: unknown): unknown {
  const o = obj(s);
  return { ...DEFAULT_WORLD_SETTINGS, ...o, budget: { ...DEFAULT_WORLD_SETTINGS.budget, ...obj(o.budget) }, gravity: o.gravity ?? DEFAULT_WORLD_SETTINGS.gravity, scaleUnit: 'm' };
}

/** One step per version: steps[v] turns version v into v + 1. */
const STEPS: Record<number, { entity: (e: StoredEntityParts) => StoredEntityParts; settings: (s: unknown) => unknown }> = {
  1: { entity: entityV1toV2, settings: settingsV1toV2 },
};

export function migrateSettings(settings: unknown, from: number): unknown {
  let s = settings;
  for (let v = from; v < WORLD_VERSION; v++) s = STEPS[v]?.settings(s) ?? s;
  return s;
}

export function migrateEntity(e: StoredEntityParts, from: number): StoredEntityParts {
  let out = e;
  for (let v = from; v < WORLD_VERSION; v++) out = STEPS[v]?.entity(out) ?? out;
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A stored transform that fails the schema becomes the nearest valid one (see the module comment). */
export function repairTransform(raw: unknown): Transform {
  const ok = Transform.safeParse(raw);
  if (ok.success) return ok.data;
  const t = obj(raw);
  const arr = (v: unknown, n: number) => (Array.isArray(v) ? v : []).slice(0, n);
  const p = arr(t.position, 3);
  const position = [0, 1, 2].map((i) => clamp(num(p[i], 0), -WORLD_EXTENT_M, WORLD_EXTENT_M)) as [number, number, number];
  const q = arr(t.rotation, 4).map((v) => num(v, 0));
  const len = Math.hypot(...q);
  const rotation = (q.length === 4 && len > 1e-6 ? q.map((v) => v / len) : [0, 0, 0, 1]) as Quat;
  const s = arr(t.scale, 3);
  const scale = [0, 1, 2].map((i) => clamp(num(s[i], 1), 0.001, 1000)) as [number, number, number];
  return { position, rotation, scale };
}

export function repairPhysics(raw: unknown): EntityPhysics {
  const ok = EntityPhysics.safeParse(raw);
  if (ok.success) return ok.data;
  const p = obj(raw);
  const d = DEFAULT_PHYSICS;
  const body = EntityPhysics.shape.bodyType.safeParse(p.bodyType);
  const collider = EntityPhysics.shape.collider.safeParse(p.collider);
  return {
    bodyType: body.success ? body.data : d.bodyType,
    massKg: clamp(num(p.massKg, d.massKg), 0, 1_000_000),
    gravityScale: clamp(num(p.gravityScale, d.gravityScale), -10, 10),
    friction: clamp(num(p.friction, d.friction), 0, 10),
    restitution: clamp(num(p.restitution, d.restitution), 0, 1),
    collider: collider.success ? collider.data : d.collider,
  };
}

export function repairRender(raw: unknown): EntityRender {
  const ok = EntityRender.safeParse(raw);
  return ok.success ? ok.data : EntityRender.parse({ ...DEFAULT_RENDER, ...EntityRender.partial().catch({}).parse(raw) });
}

export function repairBehaviour(raw: unknown): EntityBehaviour {
  const ok = EntityBehaviour.safeParse(raw);
  return ok.success ? ok.data : { ...DEFAULT_BEHAVIOUR, ...EntityBehaviour.partial().catch({}).parse(raw) };
}

export function repairSettings(raw: unknown): WorldSettings {
  const ok = WorldSettings.safeParse(raw);
  return ok.success ? ok.data : WorldSettings.parse({ ...DEFAULT_WORLD_SETTINGS, ...WorldSettings.partial().catch({}).parse(raw) });
}
