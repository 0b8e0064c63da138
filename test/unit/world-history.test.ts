import { describe, expect, it } from 'vitest';
import type { Entity } from '../../shared/schemas/world.js';
import { applyEntities, emptyHistory, patchSnapshots, pushCommand, redoStep, undoStep } from '../../renderer/studios/world/store/history.js';
import { deleteCommand, duplicateCommand, finiteOrError, patchCommand, spawnCommand } from '../../renderer/studios/world/store/entity-ops.js';

const now = '2026-12-06T16:00:00.000Z';
function entity(id: string, over: Partial<Entity> = {}): Entity {
  return {
    id,
    worldId: 'w1',
    assetId: null,
    name: id,
    transform: { position: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
    physics: { bodyType: 'dynamic', massKg: 10, gravityScale: 1, friction: 0.5, restitution: 0.1, collider: 'box' },
    render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} },
    behaviour: { pickupable: true, throwable: true, breakable: false },
    status: 'draft',
    jobId: 'job1',
    parentId: null,
    prefabId: null,
    placeholder: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  } as Entity;
}

describe('world editor command history', () => {
  it('undoes and redoes a spawn, an inspector edit and a delete, in order', () => {
    let h = emptyHistory();
    let all: Record<string, Entity> = {};
    const step = (cmd: Parameters<typeof pushCommand>[1]) => {
      all = applyEntities(all, cmd, 'after');
      h = pushCommand(h, cmd);
    };
    step(spawnCommand('Spawn', [entity('a')]));
    step(patchCommand('Mass', all, ['a'], (e) => ({ ...e, physics: { ...e.physics, massKg: 42 } })));
    step(deleteCommand(all, ['a']));
    expect(all.a).toBeUndefined();

    let u = undoStep(h)!;
    all = applyEntities(all, u.cmd, 'before');
    h = u.history;
    expect(all.a?.physics.massKg).toBe(42);
    u = undoStep(h)!;
    all = applyEntities(all, u.cmd, 'before');
    h = u.history;
    expect(all.a?.physics.massKg).toBe(10);
    const r = redoStep(h)!;
    all = applyEntities(all, r.cmd, 'after');
    expect(all.a?.physics.massKg).toBe(42);
    expect(r.history.future.map((c) => c.label)).toEqual(['Delete']);
  });

  it('deletes prefab children with their parent, and duplicates keep the group', () => {
    const all = { p: entity('p'), c: entity('c', { parentId: 'p' }), x: entity('x') };
    const del = deleteCommand(all, ['p']);
    expect(Object.keys(del.entities).sort()).toEqual(['c', 'p']);
    const dup = duplicateCommand(all, ['p']);
    const copies = Object.values(dup.entities).map((c) => c.after!);
    expect(copies).toHaveLength(2);
    const root = copies.find((e) => !e.parentId || !dup.entities[e.parentId])!;
    const child = copies.find((e) => e !== root)!;
    expect(child.parentId).toBe(root.id);
    expect(root.transform.position[0]).toBe(1);
    expect(new Set([root.id, child.id, 'p', 'c']).size).toBe(4);
  });

  it('a no-op edit is not an undo step; host-side status is patched into snapshots', () => {
    const all = { a: entity('a') };
    let h = pushCommand(emptyHistory(), patchCommand('Nothing', all, ['a'], (e) => ({ ...e })));
    expect(h.past).toHaveLength(0);
    h = pushCommand(h, patchCommand('Move', all, ['a'], (e) => ({ ...e, transform: { ...e.transform, position: [1, 0, 0] } })));
    h = patchSnapshots(h, 'a', { status: 'ready', assetId: 'asset1' });
    const back = applyEntities(all, undoStep(h)!.cmd, 'before');
    expect(back.a?.status).toBe('ready');
    expect(back.a?.assetId).toBe('asset1');
    expect(back.a?.transform.position).toEqual([0, 0, 0]);
  });

  it('refuses NaN and empty numbers from form fields naming the field', () => {
    expect(finiteOrError('mass (kg)', 'NaN')).toEqual({ error: expect.stringContaining('mass (kg)') });
    expect(finiteOrError('mass (kg)', '')).toEqual({ error: expect.stringContaining('mass (kg)') });
    expect(finiteOrError('mass (kg)', 'Infinity')).toHaveProperty('error');
    expect(finiteOrError('mass (kg)', '2.5')).toEqual({ value: 2.5 });
  });
});
