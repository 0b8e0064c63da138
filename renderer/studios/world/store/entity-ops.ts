import type { AssetDefinition, Entity, Transform } from '../../../../shared/schemas/world.js';
import type { EntityUpsert } from '../../../../shared/schemas/world-api.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import type { Command } from './history.js';

/** Pure helpers that turn edits into commands, and entities into what autosave writes. */

export type Vec3 = [number, number, number];

/** Box size in metres before the entity's scale: the asset's bounds, else the placeholder's, else 1 m. */
export function baseSize(e: Entity, asset?: AssetDefinition | null): Vec3 {
  if (asset?.bounds) {
    const { min, max } = asset.bounds;
    return [Math.max(0.01, max[0] - min[0]), Math.max(0.01, max[1] - min[1]), Math.max(0.01, max[2] - min[2])];
  }
  if (e.placeholder) return [...e.placeholder.scaleMeters];
  return [1, 1, 1];
}

export function newEntityId(): string {
  return `ent_${newIdempotencyKey().replace(/-/g, '').slice(0, 20)}`;
}

export function changeCommand(label: string, before: Entity[], after: Entity[]): Command {
  const entities: Command['entities'] = {};
  for (const e of before) entities[e.id] = { before: e, after: null };
  for (const e of after) entities[e.id] = { before: entities[e.id]?.before ?? null, after: e };
  return { label, entities };
}

export function spawnCommand(label: string, created: Entity[]): Command {
  return changeCommand(label, [], created);
}

export function deleteCommand(all: Record<string, Entity>, ids: string[]): Command {
  // Prefab children go with their parent, so an undo brings the whole group back.
  const doomed = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of Object.values(all)) {
      if (e.parentId && doomed.has(e.parentId) && !doomed.has(e.id)) {
        doomed.add(e.id);
        grew = true;
      }
    }
  }
  const entities: Command['entities'] = {};
  for (const id of doomed) {
    const e = all[id];
    if (e) entities[id] = { before: e, after: null };
  }
  return { label: doomed.size > 1 ? `Delete ${doomed.size} objects` : 'Delete', entities };
}

/** Copies beside the originals (1 m along x), children kept under their copied parents. */
export function duplicateCommand(all: Record<string, Entity>, ids: string[], now = new Date().toISOString()): Command {
  const idMap = new Map<string, string>();
  const sources = Object.values(all).filter((e) => ids.includes(e.id) || (e.parentId && ids.includes(e.parentId)));
  for (const e of sources) idMap.set(e.id, newEntityId());
  const copies = sources.map((e): Entity => {
    const isRoot = !e.parentId || !idMap.has(e.parentId);
    const [x, y, z] = e.transform.position;
    return {
      ...e,
      id: idMap.get(e.id)!,
      name: isRoot ? `${e.name} copy` : e.name,
      parentId: e.parentId ? (idMap.get(e.parentId) ?? e.parentId) : null,
      transform: isRoot ? { ...e.transform, position: [x + 1, y, z] } : e.transform,
      createdAt: now,
      updatedAt: now,
    };
  });
  return { label: copies.length > 1 ? `Duplicate ${copies.length} objects` : 'Duplicate', entities: Object.fromEntries(copies.map((c) => [c.id, { before: null, after: c }])) };
}

export function patchCommand(label: string, all: Record<string, Entity>, ids: string[], patch: (e: Entity) => Entity): Command {
  const entities: Command['entities'] = {};
  for (const id of ids) {
    const e = all[id];
    if (e) entities[id] = { before: e, after: patch(e) };
  }
  return { label, entities };
}

export function transformCommand(label: string, all: Record<string, Entity>, transforms: Record<string, Transform>): Command {
  return patchCommand(label, all, Object.keys(transforms), (e) => ({ ...e, transform: transforms[e.id]! }));
}

/**
 * What autosave sends for an entity: the fields a client may write. The asset and placeholder
 * belong to generation (the host swaps them when a job ends), so only an upsert that creates the
 * entity (a spawn, an undone delete, a duplicate) sends them; an edit must not undo a swap it
 * has not seen yet.
 */
export function toUpsert(e: Entity, creating: boolean): EntityUpsert {
  return {
    id: e.id,
    ...(creating ? { assetId: e.assetId, placeholder: e.placeholder } : {}),
    name: e.name,
    transform: e.transform,
    physics: e.physics,
    render: e.render,
    behaviour: e.behaviour,
    parentId: e.parentId,
  };
}

/** Refuses NaN / Infinity from a form field with the field named (the host refuses them too). */
export function finiteOrError(label: string, raw: string): { value: number } | { error: string } {
  if (raw.trim() === '') return { error: `${label} needs a number` };
  const v = Number(raw);
  return Number.isFinite(v) ? { value: v } : { error: `${label} must be a finite number, not “${raw}”` };
}

export const snapTo = (v: number, step: number): number => (step > 0 ? Math.round(v / step) * step : v);
