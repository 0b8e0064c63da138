import { chunkChecksum, type ServerMessage } from '../../../../shared/world/room-protocol.js';
import { applyStroke, decodeChunk, decodeTerrain, type Terrain } from '../../../../shared/world/terrain.js';
import type { RoomClient } from './room-client.js';
import { useRoomStore, type RoomState } from './room-store.js';

/**
 * Server → client messages (already validated against the protocol) applied to the room store:
 * the world at join, placeholders and assets by id, terrain brush operations replayed
 * deterministically (with our chunk checksums compared to the host's), quota and error notices,
 * move corrections, chat, latency and the dev panel's stats.
 */

function nameOf(sessionId: string): string {
  const s = useRoomStore.getState();
  if (sessionId === s.you) return 'you';
  return s.players[sessionId]?.name ?? 'a player';
}

/** Applies one brush op to the room's terrain; returns the changed chunk keys. */
function brush(terrain: Terrain, op: Parameters<typeof applyStroke>[1]): string[] {
  return applyStroke(terrain, op).changed;
}

function checksumsOf(terrain: Terrain, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const c = terrain.chunks.get(k);
    if (c) out[k] = chunkChecksum(c.heights, c.splat);
  }
  return out;
}

export function applyServerMessage(client: RoomClient, msg: ServerMessage): void {
  const store = useRoomStore.getState();
  switch (msg.type) {
    case 'welcome': {
      const w = msg.payload;
      const terrain = decodeTerrain(w.terrain);
      for (const { op } of [...w.brushLog].sort((a, b) => a.seq - b.seq)) brush(terrain, op);
      const chunkCheck: RoomState['chunkCheck'] = {};
      for (const c of w.terrain) {
        const ours = terrain.chunks.get(`${c.cx},${c.cz}`);
        if (ours && w.brushLog.length === 0) chunkCheck[`${c.cx},${c.cz}`] = { host: c.checksum, ours: chunkChecksum(ours.heights, ours.splat) };
      }
      store.set({
        worldId: w.worldId,
        worldName: w.worldName,
        gravity: w.gravity,
        entities: Object.fromEntries(w.entities.map((e) => [e.id, e])),
        terrain,
        chunkRev: {},
        chunkCheck,
        you: w.you.sessionId,
        isHost: w.you.isHost,
        quotas: w.quotas,
        generationOff: w.generationOff,
      });
      return;
    }
    case 'placeholder': {
      const p = msg.payload;
      store.upsertEntity(p.entity);
      store.set({ jobs: { ...store.jobs, [p.entity.id]: { entityId: p.entity.id, prompt: p.entity.name, by: p.by, status: 'running' } } });
      if (p.note) store.notify(p.note, 'info');
      return;
    }
    case 'asset_ready': {
      const p = msg.payload;
      store.upsertEntity(p.entity);
      const job = store.jobs[p.entityId];
      if (job) store.set({ jobs: { ...store.jobs, [p.entityId]: { ...job, status: 'ready' } } });
      return;
    }
    case 'job_failed': {
      const p = msg.payload;
      if (p.entityId) {
        const job = store.jobs[p.entityId];
        if (job) store.set({ jobs: { ...store.jobs, [p.entityId]: { ...job, status: 'failed' } } });
      }
      store.notify(`Generation failed: ${p.error}`);
      return;
    }
    case 'entities_updated':
      store.upsertEntities(msg.payload.entities);
      return;
    case 'entity_removed':
      store.removeEntities(msg.payload.ids);
      return;
    case 'terrain_chunks': {
      // The owner's editor replaced these chunks whole: take them as the host has them.
      const chunkRev = { ...store.chunkRev };
      const chunkCheck = { ...store.chunkCheck };
      for (const c of msg.payload.chunks) {
        const key = `${c.cx},${c.cz}`;
        const fresh = decodeChunk(c);
        const ours = store.terrain.chunks.get(key);
        if (ours) {
          ours.heights.set(fresh.heights);
          ours.splat.set(fresh.splat);
        } else store.terrain.chunks.set(key, fresh);
        chunkRev[key] = (chunkRev[key] ?? 0) + 1;
        chunkCheck[key] = { host: c.checksum, ours: chunkChecksum(fresh.heights, fresh.splat) };
      }
      store.set({ chunkRev, chunkCheck });
      return;
    }
    case 'terrain_op': {
      const p = msg.payload;
      const changed = brush(store.terrain, p.op);
      const ours = checksumsOf(store.terrain, Object.keys(p.checksums));
      const chunkRev = { ...store.chunkRev };
      for (const k of new Set([...changed, ...Object.keys(p.checksums)])) chunkRev[k] = (chunkRev[k] ?? 0) + 1;
      const chunkCheck = { ...store.chunkCheck };
      for (const [k, host] of Object.entries(p.checksums)) chunkCheck[k] = { host, ours: ours[k] ?? '' };
      store.set({ chunkRev, chunkCheck });
      return;
    }
    case 'quota':
      // Chat's own limit is said beside the chat box, where the refused line is put back.
      if (msg.payload.quota === 'chat') {
        store.set({ chatRefusal: { text: msg.payload.message, until: Date.now() + (msg.payload.retryAfterMs ?? 0) } });
        return;
      }
      store.notify(msg.payload.message + (msg.payload.retryAfterMs ? ` (try again in ${Math.ceil(msg.payload.retryAfterMs / 1000)} s)` : ''), 'quota');
      return;
    case 'error':
      store.notify(msg.payload.message);
      return;
    case 'move_rejected':
      client.onRejected?.(msg.payload.seq, msg.payload.position);
      store.set({ corrections: store.corrections + 1 });
      return;
    case 'chat':
      store.set({ chat: [...store.chat.slice(-49), msg.payload] });
      return;
    case 'pong':
      store.set({ rttMs: Math.max(0, performance.now() - msg.payload.t) });
      return;
    case 'far_bodies':
      client.pushFar(msg.payload.bodies);
      return;
    case 'verify_result':
      if (!msg.payload.ok) store.notify(`Out of sync with the host at tick ${msg.payload.tick}: ${msg.payload.reason ?? 'hash differs'}`, 'info');
      return;
    case 'dev_stats':
      store.set({ stats: msg.payload });
      return;
  }
}

export { nameOf };
