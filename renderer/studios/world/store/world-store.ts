import { create } from 'zustand';
import type { Entity, World } from '../../../../shared/schemas/world.js';
import { SPLAT_LAYERS, createTerrain, type BrushTool, type SplatLayer, type Terrain } from '../../../../shared/world/terrain.js';
import { applyEntities, emptyHistory, patchSnapshots, pushCommand, redoStep, undoStep, type Command, type History } from './history.js';
import { adoptInHistory, differsFromHost, dropFromHistory, mergeHost } from './optimistic.js';

/**
 * The open world in the editor: entities, selection, mode, tools, terrain and the command
 * history. Every user edit goes through `commit` (so it can be undone) and marks what autosave
 * must write; host-side changes (generation finished or failed) come in through `external`.
 */

export type Mode = 'build' | 'play';
export type Tool = 'translate' | 'rotate' | 'scale' | 'sculpt';
export type SaveStatus = { state: 'saved' | 'pending' | 'saving' | 'error'; message: string | null };

export interface BrushSettings {
  tool: BrushTool;
  radius: number;
  strength: number;
  layer: SplatLayer;
}

interface Pending {
  upserts: Record<string, true>;
  /** Upserts that (re)create an entity: they carry the host-owned asset and placeholder too. */
  creates: Record<string, true>;
  deletes: Record<string, true>;
  chunks: Record<string, true>;
  /** The world's name or settings changed. */
  world: boolean;
}

export interface WorldStore {
  world: World | null;
  entities: Record<string, Entity>;
  selection: string[];
  mode: Mode;
  tool: Tool;
  /** Grid snap for moves in metres; 0 is off. */
  snap: number;
  brush: BrushSettings;
  history: History;
  terrain: Terrain;
  /** chunk key → revision, bumped on every change so meshes and colliders rebuild just those. */
  chunkRev: Record<string, number>;
  pending: Pending;
  save: SaveStatus;
  /** Messages for the user (refusals, failures), newest last. */
  notices: Array<{ id: number; text: string; tone: 'error' | 'info' }>;
  /** Spawns shown before the host answered: temporary id → the entity as first placed (autosave skips them). */
  optimistic: Record<string, Entity>;

  load(world: World, entities: Entity[], terrain: Terrain): void;
  reset(): void;
  commit(cmd: Command): void;
  undo(): void;
  redo(): void;
  external(id: string, patch: Partial<Entity>): void;
  select(ids: string[], additive?: boolean): void;
  setMode(mode: Mode): void;
  setTool(tool: Tool): void;
  setSnap(snap: number): void;
  setBrush(patch: Partial<BrushSettings>): void;
  /** After an in-place terrain change (a brush dab): bump revisions; autosave picks them up. */
  touchChunks(keys: string[]): void;
  takePending(): Pending;
  restorePending(p: Pending): void;
  setSave(s: SaveStatus): void;
  notify(text: string, tone?: 'error' | 'info'): void;
  dismiss(id: number): void;
  /** Places a spawn at once under a temporary id (one undo step, selected). */
  spawnOptimistic(entity: Entity, label: string): void;
  /** The host's answer for an optimistic spawn: its id and fields replace the temporary ones in place. */
  adopt(tempId: string, host: Entity): void;
  /** The host refused the spawn: it goes, with its undo step. */
  refuse(tempId: string): void;
}

const emptyPending = (): Pending => ({ upserts: {}, creates: {}, deletes: {}, chunks: {}, world: false });
let noticeId = 0;

function markEntities(p: Pending, cmd: Command, side: 'before' | 'after'): Pending {
  const upserts = { ...p.upserts };
  const creates = { ...p.creates };
  const deletes = { ...p.deletes };
  const other = side === 'after' ? 'before' : 'after';
  for (const [id, change] of Object.entries(cmd.entities)) {
    if (change[side]) {
      upserts[id] = true;
      if (!change[other]) creates[id] = true;
      delete deletes[id];
    } else {
      deletes[id] = true;
      delete upserts[id];
      delete creates[id];
    }
  }
  return { ...p, upserts, creates, deletes };
}

const initial = () => ({
  world: null,
  entities: {},
  selection: [],
  mode: 'build' as Mode,
  tool: 'translate' as Tool,
  snap: 0.5,
  brush: { tool: 'raise' as BrushTool, radius: 6, strength: 0.4, layer: SPLAT_LAYERS[1] },
  history: emptyHistory(),
  terrain: createTerrain(),
  chunkRev: {},
  pending: emptyPending(),
  save: { state: 'saved' as const, message: null },
  notices: [],
  optimistic: {},
});

export const useWorldStore = create<WorldStore>()((set, get) => {
  /** Applies one side of a command: entities, terrain chunks, pending writes. */
  const apply = (cmd: Command, side: 'before' | 'after'): void => {
    const s = get();
    const chunkRev = { ...s.chunkRev };
    const chunks = { ...s.pending.chunks };
    for (const [key, change] of Object.entries(cmd.terrain ?? {})) {
      const chunk = s.terrain.chunks.get(key);
      if (!chunk) continue;
      chunk.heights.set(change[side].heights);
      chunk.splat.set(change[side].splat);
      chunkRev[key] = (chunkRev[key] ?? 0) + 1;
      chunks[key] = true;
    }
    const entities = applyEntities(s.entities, cmd, side);
    const pending = markEntities({ ...s.pending, chunks, world: s.pending.world || !!cmd.world }, cmd, side);
    const meta = cmd.world?.[side];
    set({
      ...(meta && s.world ? { world: { ...s.world, name: meta.name, settings: meta.settings } } : {}),
      entities,
      chunkRev,
      pending,
      selection: s.selection.filter((id) => entities[id]),
      save: { state: 'pending', message: null },
    });
  };

  return {
    ...initial(),
    load: (world, entities, terrain) =>
      set({ ...initial(), world, entities: Object.fromEntries(entities.map((e) => [e.id, e])), terrain }),
    reset: () => set(initial()),
    commit: (cmd) => {
      apply(cmd, 'after');
      set((s) => ({ history: pushCommand(s.history, cmd) }));
    },
    undo: () => {
      const step = undoStep(get().history);
      if (!step) return;
      apply(step.cmd, 'before');
      set({ history: step.history });
    },
    redo: () => {
      const step = redoStep(get().history);
      if (!step) return;
      apply(step.cmd, 'after');
      set({ history: step.history });
    },
    external: (id, patch) =>
      set((s) => {
        const e = s.entities[id];
        return {
          entities: e ? { ...s.entities, [id]: { ...e, ...patch } } : s.entities,
          history: patchSnapshots(s.history, id, patch),
        };
      }),
    select: (ids, additive = false) =>
      set((s) => {
        if (!additive) return { selection: ids };
        const next = new Set(s.selection);
        for (const id of ids) {
          if (next.has(id)) next.delete(id);
          else next.add(id);
        }
        return { selection: [...next] };
      }),
    setMode: (mode) => set({ mode }),
    setTool: (tool) => set({ tool }),
    setSnap: (snap) => set({ snap }),
    setBrush: (patch) => set((s) => ({ brush: { ...s.brush, ...patch } })),
    touchChunks: (keys) =>
      set((s) => {
        const chunkRev = { ...s.chunkRev };
        for (const k of keys) chunkRev[k] = (chunkRev[k] ?? 0) + 1;
        return { chunkRev };
      }),
    takePending: () => {
      const p = get().pending;
      set({ pending: emptyPending() });
      return p;
    },
    restorePending: (p) =>
      set((s) => ({
        pending: {
          upserts: { ...p.upserts, ...s.pending.upserts },
          creates: { ...p.creates, ...s.pending.creates },
          deletes: { ...p.deletes, ...s.pending.deletes },
          chunks: { ...p.chunks, ...s.pending.chunks },
          world: p.world || s.pending.world,
        },
      })),
    setSave: (save) => set({ save }),
    notify: (text, tone = 'error') => set((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, text, tone }] })),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    spawnOptimistic: (entity, label) => {
      set((s) => ({ optimistic: { ...s.optimistic, [entity.id]: entity } }));
      get().commit({ label, entities: { [entity.id]: { before: null, after: entity } } });
      set({ selection: [entity.id] });
    },
    adopt: (tempId, host) =>
      set((s) => {
        const initial = s.optimistic[tempId];
        if (!initial) return {};
        const { [tempId]: _done, ...optimistic } = s.optimistic;
        const local = s.entities[tempId];
        const entities = { ...s.entities };
        delete entities[tempId];
        const pending = withoutId(s.pending, tempId);
        if (local) {
          const merged = mergeHost(local, initial, host);
          entities[host.id] = merged;
          if (differsFromHost(merged, host)) pending.upserts = { ...pending.upserts, [host.id]: true };
        } else {
          // Deleted (or undone) before the answer came: the host's copy goes too.
          pending.deletes = { ...pending.deletes, [host.id]: true };
        }
        return {
          optimistic,
          entities,
          pending,
          history: adoptInHistory(s.history, tempId, initial, host),
          selection: s.selection.map((id) => (id === tempId ? host.id : id)),
        };
      }),
    refuse: (tempId) =>
      set((s) => {
        const { [tempId]: _gone, ...optimistic } = s.optimistic;
        const entities = { ...s.entities };
        delete entities[tempId];
        return { optimistic, entities, pending: withoutId(s.pending, tempId), history: dropFromHistory(s.history, tempId), selection: s.selection.filter((id) => id !== tempId) };
      }),
  };
});

function withoutId(p: Pending, id: string): Pending {
  const drop = (r: Record<string, true>) => {
    const { [id]: _x, ...rest } = r;
    return rest;
  };
  return { upserts: drop(p.upserts), creates: drop(p.creates), deletes: drop(p.deletes), chunks: p.chunks, world: p.world };
}

export const hasPending = (p: Pending): boolean =>
  p.world || Object.keys(p.upserts).length + Object.keys(p.deletes).length + Object.keys(p.chunks).length > 0;
