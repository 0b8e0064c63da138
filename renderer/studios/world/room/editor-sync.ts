import { useEffect } from 'react';
import type { ServerEvent } from '../../../../shared/events.js';
import type { Entity } from '../../../../shared/schemas/world.js';
import { decodeTerrain } from '../../../../shared/world/terrain.js';
import { api } from '../../../api/client.js';
import { onWorldEvent } from '../live-events.js';
import { useWorldStore } from '../store/world-store.js';

/**
 * While the open world is hosted as a session, the room changes it too: bodies come to rest
 * somewhere new, prompts spawn objects, players brush the ground. The room writes those through
 * the host's world services, which announce them (domain events world.entities.changed /
 * world.terrain.changed); this brings them into the editor, so the owner edits what the players
 * see and an autosave never writes back a stale copy. The owner's own edits go the other way
 * through the ordinary autosave: the room follows the same events on the host.
 *
 * An entity or chunk with an edit of the owner's not yet saved (or a save in flight) is left
 * alone: that edit is newer, and the next event after it is saved brings the rest.
 */

const SETTLE_MS = 250;
/** Past this many changed ids one list request is cheaper than one request each. */
const MANY = 40;

/** The fields of an entity the room or the host may change under the editor. */
function sameEntity(a: Entity, b: Entity): boolean {
  const pick = (e: Entity) => [e.name, e.transform, e.physics, e.render, e.behaviour, e.parentId, e.assetId, e.status, e.placeholder, e.jobId, e.lastError];
  return JSON.stringify(pick(a)) === JSON.stringify(pick(b));
}

function busy(id: string): boolean {
  const s = useWorldStore.getState();
  return !!(s.optimistic[id] || s.pending.upserts[id] || s.pending.deletes[id]);
}

/** One entity as the host has it now (null: deleted) applied to the editor. */
function applyEntity(id: string, host: Entity | null): void {
  if (busy(id)) return;
  const s = useWorldStore.getState();
  const local = s.entities[id];
  if (!host) {
    if (!local) return;
    useWorldStore.setState((st) => {
      const entities = { ...st.entities };
      delete entities[id];
      return { entities, selection: st.selection.filter((x) => x !== id) };
    });
    return;
  }
  if (!local) {
    useWorldStore.setState((st) => ({ entities: { ...st.entities, [id]: host } }));
    return;
  }
  if (sameEntity(local, host)) return;
  const { name, transform, physics, render, behaviour, parentId, assetId, status, placeholder, jobId, lastError } = host;
  s.external(id, { name, transform, physics, render, behaviour, parentId, assetId, status, placeholder, jobId, lastError });
}

async function syncEntities(worldId: string, ids: Set<string> | null): Promise<void> {
  if (!ids || ids.size > MANY) {
    const { entities } = await api.call('world.entities.list', { params: { id: worldId } });
    const seen = new Set<string>();
    for (const e of entities) {
      seen.add(e.id);
      applyEntity(e.id, e);
    }
    for (const id of Object.keys(useWorldStore.getState().entities)) if (!seen.has(id)) applyEntity(id, null);
    return;
  }
  await Promise.all(
    [...ids].map(async (id) => {
      try {
        const e = await api.call('world.entities.get', { params: { id } });
        applyEntity(id, e.worldId === worldId ? e : null);
      } catch (err) {
        if ((err as { status?: number }).status === 404) applyEntity(id, null);
        else throw err;
      }
    }),
  );
}

async function syncTerrain(worldId: string): Promise<void> {
  const state = await api.call('world.terrain.get', { params: { id: worldId } });
  const host = decodeTerrain(state.chunks);
  const s = useWorldStore.getState();
  const changed: string[] = [];
  for (const [key, hc] of host.chunks) {
    const local = s.terrain.chunks.get(key);
    if (!local || s.pending.chunks[key]) continue;
    if (sameBytes(local.heights, hc.heights) && sameBytes(local.splat, hc.splat)) continue;
    local.heights.set(hc.heights);
    local.splat.set(hc.splat);
    changed.push(key);
  }
  if (changed.length) s.touchChunks(changed);
}

function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Follows the host's changes to `worldId` while `active` (the world is hosted as a session). */
export function useRoomEditorSync(worldId: string, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    let ids: Set<string> | null = new Set();
    let terrain = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const flush = async () => {
      timer = undefined;
      if (stopped) return;
      // A save in flight: what the host says now may predate it. Look again once it landed.
      if (useWorldStore.getState().save.state === 'saving' || useWorldStore.getState().world?.id !== worldId) {
        timer = setTimeout(() => void flush(), SETTLE_MS);
        return;
      }
      const wantIds = ids;
      const wantTerrain = terrain;
      ids = new Set();
      terrain = false;
      try {
        if (!wantIds || wantIds.size) await syncEntities(worldId, wantIds);
        if (wantTerrain) await syncTerrain(worldId);
      } catch (err) {
        useWorldStore.getState().notify(`Could not follow the session's changes: ${(err as Error).message}`);
      }
    };

    const off = onWorldEvent((event: ServerEvent) => {
      if (event.type !== 'domain' || event.id !== worldId) return;
      if (event.topic === 'world.entities.changed') {
        const list = (event.data as { ids?: string[] | null } | null)?.ids;
        if (!list) ids = null;
        else if (ids) for (const id of list) ids.add(id);
      } else if (event.topic === 'world.terrain.changed') terrain = true;
      else return;
      timer ??= setTimeout(() => void flush(), SETTLE_MS);
    });
    return () => {
      stopped = true;
      off();
      clearTimeout(timer);
    };
  }, [worldId, active]);
}
