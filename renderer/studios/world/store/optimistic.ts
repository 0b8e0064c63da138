import type { Entity, Transform } from '../../../../shared/schemas/world.js';
import type { PlaceholderFields } from '../../../../shared/world/placeholder-entity.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import type { Command, History } from './history.js';

/**
 * Optimistic spawns (seed §6 Step B, goal < 50 ms from Enter): the editor places the composer's
 * placeholder at once under a temporary id, and when POST /world/jobs answers it takes the host's
 * entity id and host-owned fields in place — in the scene, the selection and every undo snapshot,
 * so the spawn stays one undo step. Pure helpers; the store applies them.
 */

export const TEMP_PREFIX = 'tmp_';
export const isTempId = (id: string): boolean => id.startsWith(TEMP_PREFIX);

export function optimisticEntity(worldId: string, fields: PlaceholderFields, transform: Transform, now = new Date().toISOString()): Entity {
  return {
    id: `${TEMP_PREFIX}${newIdempotencyKey().replace(/-/g, '').slice(0, 20)}`,
    worldId,
    assetId: null,
    name: fields.name,
    transform,
    physics: fields.physics,
    render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} },
    behaviour: fields.behaviour,
    status: 'draft',
    jobId: null,
    parentId: null,
    prefabId: null,
    placeholder: fields.placeholder,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The host's entity with what the user changed on the optimistic one since it was placed
 * (`initial`): a move made before the answer arrived survives; a field the user did not touch
 * takes the host's value (an LLM recipe may size or weigh it differently: replaced in place).
 */
export function mergeHost(local: Entity, initial: Entity, host: Entity): Entity {
  const pick = <K extends 'name' | 'physics' | 'behaviour' | 'render' | 'transform' | 'parentId'>(k: K): Entity[K] =>
    same(local[k], initial[k]) ? host[k] : local[k];
  return { ...host, name: pick('name'), physics: pick('physics'), behaviour: pick('behaviour'), render: pick('render'), transform: pick('transform'), parentId: pick('parentId') };
}

/** True when the merged entity has client-writable fields the host does not have yet (autosave must send them). */
export function differsFromHost(merged: Entity, host: Entity): boolean {
  return (['name', 'physics', 'behaviour', 'render', 'transform', 'parentId'] as const).some((k) => !same(merged[k], host[k]));
}

/** Every command's snapshots of `tempId` under the host's id, merged with the host's entity. */
export function adoptInHistory(h: History, tempId: string, initial: Entity, host: Entity): History {
  const fix = (cmd: Command): Command => {
    const c = cmd.entities[tempId];
    if (!c) return cmd;
    const entities = { ...cmd.entities };
    delete entities[tempId];
    entities[host.id] = {
      before: c.before ? mergeHost(c.before, initial, host) : null,
      after: c.after ? mergeHost(c.after, initial, host) : null,
    };
    return { ...cmd, entities };
  };
  return { past: h.past.map(fix), future: h.future.map(fix) };
}

/** A refused spawn leaves no trace: its snapshots are dropped, and commands left empty with them. */
export function dropFromHistory(h: History, id: string): History {
  const fix = (list: Command[]): Command[] =>
    list.flatMap((cmd) => {
      if (!cmd.entities[id]) return [cmd];
      const entities = { ...cmd.entities };
      delete entities[id];
      return Object.keys(entities).length || Object.keys(cmd.terrain ?? {}).length ? [{ ...cmd, entities }] : [];
    });
  return { past: fix(h.past), future: fix(h.future) };
}
