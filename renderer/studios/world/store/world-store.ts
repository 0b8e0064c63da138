import { create } from 'zustand';
import type { Entity, World } from '../../../../shared/schemas/world.js';
import { SPLAT_LAYERS, createTerrain, type BrushTool, type SplatLayer, type Terrain } from '../../../../shared/world/terrain.js';
import { applyEntities, emptyHistory, patchSnapshots, pushCommand, redoStep, undoStep, type Command, type History } from './history.js';

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
}

const emptyPending = (): Pending => ({ upserts: {}, creates: {}, deletes: {}, chunks: {} });
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
    const pending = markEntities({ ...s.pending, chunks }, cmd, side);
    set({
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
        },
      })),
    setSave: (save) => set({ save }),
    notify: (text, tone = 'error') => set((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, text, tone }] })),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
});

export const hasPending = (p: Pending): boolean =>
  Object.keys(p.upserts).length + Object.keys(p.deletes).length + Object.keys(p.chunks).length > 0;
