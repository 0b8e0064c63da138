import { useEffect } from 'react';
import { encodeChunk, isPristine } from '../../../../shared/world/terrain.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { toUpsert } from './entity-ops.js';
import { hasPending, useWorldStore } from './world-store.js';

const DEBOUNCE_MS = 600;
const RETRY_MS = 5000;
let inFlight: Promise<void> | null = null;

/**
 * Writes what changed since the last save: upserted and deleted entities and edited terrain
 * chunks, in at most three requests. A failure puts the changes back, says why, and tries again.
 */
export function flushWorld(): Promise<void> {
  if (inFlight) return inFlight.then(() => flushWorld());
  const s = useWorldStore.getState();
  const world = s.world;
  if (!world || !hasPending(s.pending)) return Promise.resolve();
  const pending = s.takePending();
  s.setSave({ state: 'saving', message: null });
  const run = (async () => {
    try {
      const now = useWorldStore.getState();
      // Parents before children, so a prefab group lands in one go.
      // Optimistic spawns are the host's to create (POST /world/jobs); the answer adopts them.
      const upserts = Object.keys(pending.upserts)
        .filter((id) => !now.optimistic[id])
        .map((id) => now.entities[id])
        .filter((e) => !!e)
        .sort((a, b) => Number(!!a.parentId) - Number(!!b.parentId))
        .map((e) => toUpsert(e, !!pending.creates[e.id]));
      for (let i = 0; i < upserts.length; i += 500) {
        await api.call('world.entities.upsert', { params: { id: world.id }, body: { entities: upserts.slice(i, i + 500) } });
      }
      const deletes = Object.keys(pending.deletes).filter((id) => !now.entities[id] && !now.optimistic[id]);
      if (deletes.length) await api.call('world.entities.deleteMany', { params: { id: world.id }, body: { ids: deletes } });
      const touched = Object.keys(pending.chunks)
        .map((k) => now.terrain.chunks.get(k))
        .filter((c) => !!c);
      // A chunk sculpted back to flat grass is removed rather than stored.
      const chunks = touched.filter((c) => !isPristine(c)).map(encodeChunk);
      const flatten = touched.filter(isPristine).map((c) => ({ cx: c.cx, cz: c.cz }));
      if (touched.length) await api.call('world.terrain.put', { params: { id: world.id }, body: { chunks, flatten } });
      // The settings panel's edits: name and settings whole (validated by the host's WorldSettings).
      if (pending.world && now.world) await api.call('world.worlds.update', { params: { id: world.id }, body: { name: now.world.name, settings: now.world.settings } });
      const after = useWorldStore.getState();
      after.setSave({ state: hasPending(after.pending) ? 'pending' : 'saved', message: null });
    } catch (err) {
      const st = useWorldStore.getState();
      st.restorePending(pending);
      st.setSave({ state: 'error', message: `Not saved: ${errorMessage(err)}` });
      throw err;
    }
  })();
  // Cleared in a .finally callback, which always runs after this assignment: a save with nothing
  // to send (only optimistic spawns pending) completes synchronously, and clearing inside it left
  // a settled promise here for good — every later flush then chained onto itself without end.
  const tracked: Promise<void> = run.finally(() => {
    if (inFlight === tracked) inFlight = null;
  });
  inFlight = tracked;
  return tracked;
}

/** Saves about DEBOUNCE_MS after the last edit; retries every RETRY_MS after a failure. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        flushWorld().catch(() => schedule(RETRY_MS));
      }, ms);
    };
    const unsub = useWorldStore.subscribe((s, prev) => {
      if (s.pending !== prev.pending && hasPending(s.pending)) schedule(DEBOUNCE_MS);
    });
    return () => {
      unsub();
      clearTimeout(timer);
      void flushWorld().catch(() => undefined);
    };
  }, []);
}
