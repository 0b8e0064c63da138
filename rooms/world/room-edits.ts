import type { Entity } from '../../shared/schemas/world.js';
import { ENTITY_BATCH } from '../../shared/world/room-protocol.js';
import type { WorldChange } from './room-deps.js';
import type { WorldRoom } from './world-room.js';

/** Position / rotation differences below this are the same transform (float32 round trips). */
const EPS = 1e-4;

/** Everything of an entity that matters to the room, in one comparable string. */
const fingerprint = (e: Entity): string =>
  JSON.stringify([e.name, e.transform, e.physics, e.render, e.behaviour, e.parentId, e.assetId, e.status, e.placeholder, e.jobId, e.lastError]);

const movedFrom = (a: Entity['transform'], b: Entity['transform']): boolean =>
  a.position.some((v, i) => Math.abs(v - b.position[i]!) > EPS) || a.rotation.some((v, i) => Math.abs(v - b.rotation[i]!) > EPS);

/**
 * Edits made to a hosted world outside its room — the owner keeps working in the World editor
 * (spawn, move, delete, inspector, terrain, settings) while players are in — taken into the
 * running room: the store announces each change (WorldRoomStore.changes), the room queues it and
 * applies the batch before its next patch (or save), rebuilding the bodies concerned, and tells
 * every client (entities_updated / entity_removed / terrain_chunks).
 *
 * The room's own writes (settled transforms, brushed terrain) are announced too; they are made
 * inside `own()`, which records what was stored as known, so they are never mistaken for edits.
 * An edit is what differs from the last version the room knows: an edited transform moves the
 * body there; any other edit rebuilds the body where it is now (a thrown crate renamed in the
 * editor keeps flying).
 */
export class RoomEdits {
  /** entity id → the stored version the room last knew. */
  private known = new Map<string, { fp: string; entity: Entity }>();
  private ids = new Set<string>();
  private all = false;
  private terrain = false;
  private world = false;
  private ownDepth = 0;
  private off: (() => void) | null = null;
  applied = 0;

  constructor(private readonly room: WorldRoom) {
    for (const e of room.deps.store.entities(room.worldId)) this.note(e);
    this.off = room.deps.store.changes?.(room.worldId, (c) => this.queue(c)) ?? null;
  }

  /** Records an entity as stored (the room's own loads, spawns, asset swaps). */
  note(e: Entity): void {
    this.known.set(e.id, { fp: fingerprint(e), entity: e });
  }

  /** Runs a write of the room's own: what it stores is known, not an edit. */
  own<T>(write: () => T): T {
    this.ownDepth++;
    try {
      return write();
    } finally {
      this.ownDepth--;
    }
  }

  private queue(c: WorldChange): void {
    if (this.ownDepth > 0) {
      // Our own write, announced synchronously: remember what it stored.
      if (c.kind === 'entities') for (const id of c.ids ?? []) this.refreshKnown(id);
      return;
    }
    if (c.kind === 'entities') {
      if (!c.ids) this.all = true;
      else for (const id of c.ids) this.ids.add(id);
    } else if (c.kind === 'terrain') this.terrain = true;
    else this.world = true;
  }

  private refreshKnown(id: string): void {
    try {
      this.note(this.room.deps.store.entity(id));
    } catch {
      this.known.delete(id);
    }
  }

  get pending(): boolean {
    return this.all || this.ids.size > 0 || this.terrain || this.world;
  }

  /** Applies what was edited since the last call: physics, replicated state, and a message to every client. */
  apply(): void {
    if (!this.pending) return;
    const room = this.room;
    const store = room.deps.store;
    if (this.world) {
      this.world = false;
      const w = store.world(room.worldId);
      room.worldName = w.name;
      if (w.gravity !== room.gravity) {
        room.gravity = w.gravity;
        room.physics.world.gravity = { x: 0, y: w.gravity, z: 0 };
      }
    }
    if (this.terrain) {
      this.terrain = false;
      const chunks = room.terrain.replaceFromStore();
      for (const c of chunks) room.syncChunk(`${c.cx},${c.cz}`);
      if (chunks.length) room.broadcast('terrain_chunks', { chunks, by: 'editor' });
    }
    if (this.all || this.ids.size) this.applyEntities();
    this.applied++;
  }

  private applyEntities(): void {
    const room = this.room;
    const list = room.deps.store.entities(room.worldId);
    const byId = new Map(list.map((e) => [e.id, e]));
    const ids = this.all ? new Set([...this.known.keys(), ...byId.keys()]) : this.ids;
    this.all = false;
    this.ids = new Set();

    const updated: Entity[] = [];
    const removed: Entity[] = [];
    const teleport = new Set<string>();
    for (const id of ids) {
      const now = byId.get(id);
      const was = this.known.get(id);
      if (!now) {
        if (was) {
          removed.push(was.entity);
          this.known.delete(id);
        }
        continue;
      }
      const fp = fingerprint(now);
      if (was?.fp === fp) continue;
      if (!was || movedFrom(was.entity.transform, now.transform)) teleport.add(id);
      this.known.set(id, { fp, entity: now });
      updated.push(now);
    }
    if (!updated.length && !removed.length) return;

    // Bodies are per root entity (children are colliders of their root): rebuild every root touched.
    const rootOf = (id: string, map: Map<string, Entity>): string => {
      let cur = map.get(id);
      for (let i = 0; i < 32 && cur?.parentId && map.has(cur.parentId); i++) cur = map.get(cur.parentId);
      return cur?.id ?? id;
    };
    const before = new Map([...this.known].map(([k, v]) => [k, v.entity]));
    for (const e of removed) before.set(e.id, e);
    const roots = new Set<string>();
    for (const e of removed) {
      const oldRoot = rootOf(e.id, before);
      if (oldRoot !== e.id && byId.has(oldRoot)) roots.add(rootOf(oldRoot, byId));
      this.dropBody(e.id);
    }
    for (const e of updated) {
      const root = rootOf(e.id, byId);
      roots.add(root);
      // Made the child of another entity: its own body goes.
      if (root !== e.id) this.dropBody(e.id);
    }
    const children = new Map<string, Entity[]>();
    for (const e of list) {
      const r = rootOf(e.id, byId);
      if (r !== e.id && roots.has(r)) children.set(r, [...(children.get(r) ?? []), e]);
    }
    for (const id of roots) {
      const root = byId.get(id);
      if (!root) continue;
      if (teleport.has(id) && room.physics.has(id)) {
        // Moved in the editor: the body starts over where it was put, at rest.
        this.dropHold(id);
        room.physics.removeEntity(id);
      }
      room.physics.setEntity(root, children.get(id) ?? [], (x) => room.sizeOf(x));
      room.bodyState(id);
    }
    for (let i = 0; i < updated.length; i += ENTITY_BATCH) room.broadcast('entities_updated', { entities: updated.slice(i, i + ENTITY_BATCH) });
    if (removed.length) room.broadcast('entity_removed', { ids: removed.map((e) => e.id) });
  }

  private dropBody(id: string): void {
    const room = this.room;
    if (!room.physics.has(id)) return;
    this.dropHold(id);
    room.physics.removeEntity(id);
    room.state.bodies.delete(id);
  }

  /** Whoever held the body lets go of it (it is gone, or was put somewhere else). */
  private dropHold(id: string): void {
    const holder = this.room.authority.holderOf(id);
    if (!holder) return;
    this.room.authority.forget(id);
    const p = this.room.state.players.get(holder);
    if (p && p.holding === id) p.holding = '';
  }

  dispose(): void {
    this.off?.();
    this.off = null;
  }
}
