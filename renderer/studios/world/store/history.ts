import type { Entity, WorldSettings } from '../../../../shared/schemas/world.js';

/**
 * Undo/redo as data: every edit (spawn, delete, duplicate, gizmo move, inspector change, a play
 * session, a terrain stroke) is a command holding the before and after of what it touched, so
 * undo and redo are the same "apply a side" operation and need no per-edit code. Pure.
 */

export interface ChunkSnapshot {
  heights: Float32Array;
  splat: Uint8Array;
}

export interface Command {
  label: string;
  /** entityId → its state before and after (null: did not exist). */
  entities: Record<string, { before: Entity | null; after: Entity | null }>;
  /** terrain chunk key → its data before and after. */
  terrain?: Record<string, { before: ChunkSnapshot; after: ChunkSnapshot }>;
  /** The world's name and settings before and after (the settings panel). */
  world?: { before: WorldMeta; after: WorldMeta };
}

export interface WorldMeta {
  name: string;
  settings: WorldSettings;
}

export interface History {
  past: Command[];
  future: Command[];
}

export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** A command with no effect (every before equals its after) is not worth an undo step. */
export function isNoop(cmd: Command): boolean {
  const sameEntities = Object.values(cmd.entities).every((c) => JSON.stringify(c.before) === JSON.stringify(c.after));
  const sameWorld = !cmd.world || JSON.stringify(cmd.world.before) === JSON.stringify(cmd.world.after);
  return sameEntities && sameWorld && Object.keys(cmd.terrain ?? {}).length === 0;
}

export function pushCommand(h: History, cmd: Command): History {
  if (isNoop(cmd)) return h;
  const past = [...h.past, cmd];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

/** Entities after applying one side of a command (pure). */
export function applyEntities(entities: Record<string, Entity>, cmd: Command, side: 'before' | 'after'): Record<string, Entity> {
  const next = { ...entities };
  for (const [id, change] of Object.entries(cmd.entities)) {
    const e = change[side];
    if (e) next[id] = e;
    else delete next[id];
  }
  return next;
}

export function undoStep(h: History): { history: History; cmd: Command } | null {
  const cmd = h.past[h.past.length - 1];
  if (!cmd) return null;
  return { history: { past: h.past.slice(0, -1), future: [cmd, ...h.future] }, cmd };
}

export function redoStep(h: History): { history: History; cmd: Command } | null {
  const cmd = h.future[0];
  if (!cmd) return null;
  return { history: { past: [...h.past, cmd], future: h.future.slice(1) }, cmd };
}

/**
 * Host-owned fields (generation status, the asset that replaced a placeholder) change outside
 * the user's edits; they are patched into every snapshot too, so undoing a move does not bring
 * a finished asset back to its placeholder.
 */
export function patchSnapshots(h: History, id: string, patch: Partial<Entity>): History {
  const fix = (cmd: Command): Command => {
    const c = cmd.entities[id];
    if (!c) return cmd;
    return {
      ...cmd,
      entities: {
        ...cmd.entities,
        [id]: { before: c.before ? { ...c.before, ...patch } : null, after: c.after ? { ...c.after, ...patch } : null },
      },
    };
  };
  return { past: h.past.map(fix), future: h.future.map(fix) };
}
