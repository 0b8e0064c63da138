import { matchMaker } from '@colyseus/core';
import { and, eq, isNull } from 'drizzle-orm';
import type { EntityUpsert, PutTerrainChunksBody } from '../../../shared/schemas/world-api.js';
import type { Entity, TerrainChunk } from '../../../shared/schemas/world.js';
import type { HostedRoomAssetDecl } from '../../../shared/schemas/relay-hosted-rooms.js';
import type { WorldRoomStore } from '../../../rooms/world/room-deps.js';
import type { z } from 'zod';
import type { RelayContext } from '../../context.js';
import { hostedRooms } from '../../db/schema.js';

/**
 * Set (with a TTL) while a room that just emptied writes its last state: Colyseus removes the
 * room's listing before onDispose runs, so a join right then could reopen it from a stale row.
 */
export const savingKey = (roomId: string) => `hosted-room-saving:${roomId}`;

interface Loaded {
  worldName: string;
  gravity: number;
  entities: Entity[];
  terrain: TerrainChunk[];
  assets: Map<string, HostedRoomAssetDecl>;
  /** Writes to Postgres run one after another, newest state last. */
  writing: Promise<void>;
  pending: boolean;
}

/**
 * The world store of rooms the relay hosts. The room core reads synchronously (it was written
 * for the desktop's SQLite), so a room's snapshot is loaded from Postgres once in onCreate
 * (store.load) and kept in memory by the process running the room; its changes (settled
 * transforms, brushed terrain) go back to the hosted_rooms row, written in order in the
 * background. Only the process running a room writes its snapshot.
 */
export class HostedWorldStore implements WorldRoomStore {
  private rooms = new Map<string, Loaded>();

  constructor(private readonly ctx: RelayContext) {}

  async load(roomId: string): Promise<void> {
    // The same room closing in this process a moment ago: its last save first.
    await this.rooms.get(roomId)?.writing;
    // …or closing in another process (savingKey is set from its last leave until its save is done).
    const p = matchMaker.presence;
    for (let i = 0; i < 50 && (await p.get(savingKey(roomId))); i++) await new Promise((r) => setTimeout(r, 100));
    const [row] = await this.ctx.db
      .select()
      .from(hostedRooms)
      .where(and(eq(hostedRooms.id, roomId), isNull(hostedRooms.endedAt)));
    if (!row) throw new Error(`No open hosted room ${roomId}`);
    this.rooms.set(roomId, {
      worldName: row.worldName,
      gravity: row.gravity,
      entities: row.entities,
      terrain: row.terrain,
      assets: new Map(row.assets.map((a) => [a.assetId, a])),
      writing: Promise.resolve(),
      pending: false,
    });
  }

  /** Forgets a room after its last write (on dispose). */
  async unload(roomId: string): Promise<void> {
    const r = this.rooms.get(roomId);
    await r?.writing;
    if (this.rooms.get(roomId) === r) this.rooms.delete(roomId);
    await matchMaker.presence.del(savingKey(roomId));
  }

  private need(roomId: string): Loaded {
    const r = this.rooms.get(roomId);
    if (!r) throw new Error(`Hosted room ${roomId} is not loaded in this process`);
    return r;
  }

  world(roomId: string) {
    const r = this.need(roomId);
    return { name: r.worldName, gravity: r.gravity };
  }

  entities(roomId: string): Entity[] {
    return this.need(roomId).entities;
  }

  entity(entityId: string): Entity {
    for (const r of this.rooms.values()) {
      const e = r.entities.find((x) => x.id === entityId);
      if (e) return e;
    }
    throw new Error(`No entity ${entityId} in the hosted rooms of this process`);
  }

  upsertEntities(roomId: string, rows: EntityUpsert[]): void {
    const r = this.need(roomId);
    const byId = new Map(rows.map((u) => [u.id, u]));
    r.entities = r.entities.map((e) => {
      const u = byId.get(e.id);
      return u?.transform ? { ...e, transform: { ...e.transform, ...u.transform } } : e;
    });
    this.persist(roomId, r);
  }

  terrain(roomId: string) {
    return { worldId: roomId, chunks: this.need(roomId).terrain };
  }

  putTerrain(roomId: string, body: z.infer<typeof PutTerrainChunksBody>): void {
    const r = this.need(roomId);
    const key = (c: { cx: number; cz: number }) => `${c.cx},${c.cz}`;
    const byKey = new Map(r.terrain.map((c) => [key(c), c]));
    for (const c of body.chunks) byKey.set(key(c), { ...c, revision: (byKey.get(key(c))?.revision ?? 0) + 1 });
    for (const f of body.flatten) byKey.delete(key(f));
    r.terrain = [...byKey.values()];
    this.persist(roomId, r);
  }

  assetBounds(assetId: string) {
    for (const r of this.rooms.values()) {
      const a = r.assets.get(assetId);
      if (a) return a.bounds;
    }
    return null;
  }

  /** Queues one write of the room's current entities + terrain (coalesced while one is running). */
  private persist(roomId: string, r: Loaded): void {
    if (r.pending) return;
    r.pending = true;
    r.writing = r.writing.then(async () => {
      r.pending = false;
      try {
        await this.ctx.db.update(hostedRooms).set({ entities: r.entities, terrain: r.terrain, updatedAt: this.ctx.clock.now() }).where(eq(hostedRooms.id, roomId));
      } catch (err) {
        this.ctx.log(`hosted room ${roomId}: could not save the world: ${(err as Error).message}`);
      }
    });
  }
}
