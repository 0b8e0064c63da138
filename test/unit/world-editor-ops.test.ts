import RAPIER from '@dimforge/rapier3d-compat';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_SETTINGS, type Entity, type World } from '../../shared/schemas/world.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import { placeholderFields } from '../../shared/world/placeholder-entity.js';
import { createTerrain } from '../../shared/world/terrain.js';
import { chooseCollider } from '../../renderer/studios/world/scene/collider-choice.js';
import { PhysicsWorld } from '../../renderer/studios/world/scene/physics.js';
import { idsInRect, isDrag, marqueeSelection, rectFrom } from '../../renderer/studios/world/store/marquee.js';
import { isTempId, optimisticEntity } from '../../renderer/studios/world/store/optimistic.js';
import { checkDraft, draftOf } from '../../renderer/studios/world/store/settings-draft.js';
import { deleteCommand } from '../../renderer/studios/world/store/entity-ops.js';
import { hasPending, useWorldStore } from '../../renderer/studios/world/store/world-store.js';

const now = '2026-12-06T19:00:00.000Z';
const world: World = { id: 'w1', name: 'Test world', settings: DEFAULT_WORLD_SETTINGS, version: 2, entityCount: 0, thumbnailMediaId: null, createdAt: now, updatedAt: now };
const at = (x: number) => ({ position: [x, 0, 0] as [number, number, number], rotation: [0, 0, 0, 1] as [number, number, number, number], scale: [1, 1, 1] as [number, number, number] });

function crate(): Entity {
  const c = composeRecipe('a wooden crate', { style: 'lowpoly' });
  return optimisticEntity('w1', placeholderFields(c.recipe, c.placeholder.massKg), at(2), now);
}
/** What POST /world/jobs answers for it: the host's id and job, maybe a refined recipe. */
function hostOf(temp: Entity, over: Partial<Entity> = {}): Entity {
  return { ...temp, id: 'ent_host1', jobId: 'job_1', ...over };
}

describe('optimistic spawn (Enter → placeholder at once, adopted when the host answers)', () => {
  beforeEach(() => useWorldStore.getState().load(world, [], createTerrain()));

  it('places the composer placeholder selected under a temporary id that autosave skips', () => {
    const temp = crate();
    expect(isTempId(temp.id)).toBe(true);
    expect(temp.placeholder?.collider).toBe('box');
    expect(temp.placeholder!.scaleMeters.every((v) => v > 0.1 && v < 3)).toBe(true);
    useWorldStore.getState().spawnOptimistic(temp, 'Spawn “crate”');
    const s = useWorldStore.getState();
    expect(s.entities[temp.id]).toBeDefined();
    expect(s.selection).toEqual([temp.id]);
    expect(s.optimistic[temp.id]).toBeDefined();
    expect(s.history.past).toHaveLength(1);
  });

  it('adopts the host entity in place: id, selection and the one undo step follow; nothing left for autosave', () => {
    const temp = crate();
    const st = useWorldStore.getState();
    st.spawnOptimistic(temp, 'Spawn');
    st.takePending();
    // The host refined it (an LLM recipe): a different size replaces the placeholder in place.
    const host = hostOf(temp, { placeholder: { ...temp.placeholder!, scaleMeters: [2, 1, 1] } });
    useWorldStore.getState().adopt(temp.id, host);
    let s = useWorldStore.getState();
    expect(Object.keys(s.entities)).toEqual(['ent_host1']);
    expect(s.entities.ent_host1!.placeholder!.scaleMeters).toEqual([2, 1, 1]);
    expect(s.entities.ent_host1!.transform).toEqual(temp.transform);
    expect(s.selection).toEqual(['ent_host1']);
    expect(s.optimistic).toEqual({});
    expect(hasPending(s.pending)).toBe(false);
    expect(s.history.past).toHaveLength(1);
    expect(Object.keys(s.history.past[0]!.entities)).toEqual(['ent_host1']);
    s.undo();
    s = useWorldStore.getState();
    expect(s.entities).toEqual({});
    expect(s.pending.deletes).toEqual({ ent_host1: true });
    s.redo();
    s = useWorldStore.getState();
    expect(s.entities.ent_host1!.jobId).toBe('job_1');
    expect(s.pending.creates).toEqual({ ent_host1: true });
  });

  it('keeps a move made before the answer, and tells autosave to send it', () => {
    const temp = crate();
    const st = useWorldStore.getState();
    st.spawnOptimistic(temp, 'Spawn');
    st.commit({ label: 'Move', entities: { [temp.id]: { before: temp, after: { ...temp, transform: at(7) } } } });
    st.takePending();
    useWorldStore.getState().adopt(temp.id, hostOf(temp));
    const s = useWorldStore.getState();
    expect(s.entities.ent_host1!.transform.position).toEqual([7, 0, 0]);
    expect(s.pending.upserts).toEqual({ ent_host1: true });
    expect(s.history.past.map((c) => Object.keys(c.entities))).toEqual([['ent_host1'], ['ent_host1']]);
  });

  it('deletes the host copy when the placeholder was deleted before the answer', () => {
    const temp = crate();
    const st = useWorldStore.getState();
    st.spawnOptimistic(temp, 'Spawn');
    st.commit(deleteCommand(useWorldStore.getState().entities, [temp.id]));
    useWorldStore.getState().adopt(temp.id, hostOf(temp));
    const s = useWorldStore.getState();
    expect(s.entities).toEqual({});
    expect(s.pending.deletes).toEqual({ ent_host1: true });
  });

  it('a refused spawn (budget, bad prompt) removes the placeholder and its undo step', () => {
    const temp = crate();
    useWorldStore.getState().spawnOptimistic(temp, 'Spawn');
    useWorldStore.getState().refuse(temp.id);
    const s = useWorldStore.getState();
    expect(s.entities).toEqual({});
    expect(s.selection).toEqual([]);
    expect(s.history.past).toEqual([]);
    expect(hasPending(s.pending)).toBe(false);
  });
});

describe('marquee selection', () => {
  const points = [
    { id: 'a', x: 10, y: 10, inFront: true },
    { id: 'b', x: 50, y: 40, inFront: true },
    { id: 'c', x: 200, y: 200, inFront: true },
    { id: 'behind', x: 30, y: 30, inFront: false },
  ];
  it('picks the objects whose centre is inside the rectangle, dragged in any direction', () => {
    expect(idsInRect(points, rectFrom(60, 60, 0, 0))).toEqual(['a', 'b']);
    expect(idsInRect(points, rectFrom(0, 0, 20, 20))).toEqual(['a']);
    expect(isDrag(rectFrom(5, 5, 7, 8))).toBe(false);
    expect(isDrag(rectFrom(5, 5, 30, 8))).toBe(true);
  });
  it('replaces the selection, or with Shift adds to it without duplicates', () => {
    expect(marqueeSelection(['c'], ['a', 'b'], false)).toEqual(['a', 'b']);
    expect(marqueeSelection(['c', 'a'], ['a', 'b'], true)).toEqual(['c', 'a', 'b']);
  });
});

describe('world settings panel', () => {
  beforeEach(() => useWorldStore.getState().load(world, [], createTerrain()));

  it('refuses bad values naming the field, and applies nothing', () => {
    const d = { ...draftOf(world), gravity: 'fast', maxEntities: '0', allowedKinds: [], sunIntensity: 'NaN', name: '  ' };
    const r = checkDraft(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['allowedKinds', 'budget.maxEntities', 'gravity', 'name', 'sky.sunIntensity']);
    expect(r.errors.gravity).toMatch(/^Gravity/);
    expect(r.errors['budget.maxEntities']).toMatch(/^Object budget/);
  });

  it('applies valid settings as one undoable command that autosave sends', () => {
    const r = checkDraft({ ...draftOf(world), name: 'Moon base', gravity: '-1.62', skyColor: '#101020', maxEntities: '300' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.meta.settings).toMatchObject({ gravity: -1.62, budget: { maxEntities: 300 }, sky: { color: '#101020' } });
    const st = useWorldStore.getState();
    st.commit({ label: 'World settings', entities: {}, world: { before: { name: world.name, settings: world.settings }, after: r.meta } });
    let s = useWorldStore.getState();
    expect(s.world).toMatchObject({ name: 'Moon base', settings: { gravity: -1.62 } });
    expect(s.pending.world).toBe(true);
    s.undo();
    s = useWorldStore.getState();
    expect(s.world).toMatchObject({ name: 'Test world', settings: { gravity: -9.81 } });
  });
});

describe('collider choice', () => {
  const hull = { type: 'convex_hull' as const, points: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1] };
  const mesh = { type: 'trimesh' as const, vertices: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], indices: [0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2] };
  it('a placeholder is a box; an asset uses its hull; a trimesh only on a static body', () => {
    expect(chooseCollider('convex_hull', 'dynamic', hull, true).shape).toBe('box');
    expect(chooseCollider('convex_hull', 'dynamic', null, false).shape).toBe('box');
    expect(chooseCollider('convex_hull', 'dynamic', hull, false).shape).toBe('convex_hull');
    expect(chooseCollider('trimesh', 'static', mesh, false).shape).toBe('trimesh');
    expect(chooseCollider('trimesh', 'dynamic', mesh, false).shape).toBe('convex_hull');
    expect(chooseCollider('trimesh', 'kinematic', mesh, false).shape).toBe('convex_hull');
    expect(chooseCollider('box', 'dynamic', hull, false).shape).toBe('box');
    expect(chooseCollider('sphere', 'dynamic', hull, false).shape).toBe('ball');
  });

  beforeAll(async () => {
    await RAPIER.init();
  });
  it('builds the chosen Rapier shapes: a static trimesh, a dynamic hull that falls and rests', () => {
    const p = new PhysicsWorld(RAPIER, -9.81);
    p.syncTerrain(createTerrain(), {});
    const base = crate();
    const rock: Entity = { ...base, id: 'rock', assetId: 'wa_rock', placeholder: null, transform: at(0), physics: { ...base.physics, bodyType: 'dynamic', collider: 'convex_hull' } };
    const ramp: Entity = { ...base, id: 'ramp', assetId: 'wa_ramp', placeholder: null, transform: at(5), physics: { ...base.physics, bodyType: 'static', massKg: 0, collider: 'trimesh' } };
    const draft: Entity = { ...base, id: 'draft', transform: at(-5) };
    p.declare({ entity: { ...rock, transform: { ...rock.transform, position: [0, 3, 0] } }, size: [1, 1, 1], collider: { key: 'm1', data: hull } });
    p.declare({ entity: ramp, size: [1, 1, 1], collider: { key: 'm2', data: mesh } });
    p.declare({ entity: draft, size: [1, 1, 1] });
    p.setSimulating(true);
    expect(p.colliderShape('rock')).toBe('convex_hull');
    expect(p.colliderShape('ramp')).toBe('trimesh');
    expect(p.colliderShape('draft')).toBe('box');
    expect(p.body('rock')!.collider(0).shape.type).toBe(RAPIER.ShapeType.ConvexPolyhedron);
    expect(p.body('ramp')!.collider(0).shape.type).toBe(RAPIER.ShapeType.TriMesh);
    for (let i = 0; i < 240; i++) p.step(1 / 60);
    // It fell from 3 m onto the ground (the hull, not a box around it, touches the ground) and stopped there.
    expect(p.poses().get('rock')!.position[1]).toBeGreaterThan(-0.05);
    expect(p.poses().get('rock')!.position[1]).toBeLessThan(1.5);
    p.dispose();
  });
});
