import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Entity } from '../../../../shared/schemas/world.js';
import { api } from '../../../api/client.js';
import { onWorldEvent, worldEventEntity } from '../live-events.js';
import { useWorldStore } from '../store/world-store.js';
import { worldKeys } from './keys.js';

const POLL_MS = 4000;

/** Generation progress per job id (job_progress events), for the objects list. */
export const useJobProgress = create<{
  jobs: Record<string, { progress: number; detail: string | null; status: string }>;
  set(jobId: string, p: { progress: number; detail: string | null; status: string }): void;
}>()((set) => ({
  jobs: {},
  set: (jobId, p) => set((s) => ({ jobs: { ...s.jobs, [jobId]: p } })),
}));

/** Host-owned fields of an entity: what generation changes without the user editing. */
function hostFields(e: Entity): Partial<Entity> {
  return { status: e.status, assetId: e.assetId, jobId: e.jobId, lastError: e.lastError, placeholder: e.placeholder };
}

async function refreshEntity(id: string): Promise<void> {
  const e = await api.call('world.entities.get', { params: { id } });
  const s = useWorldStore.getState();
  const had = s.entities[id];
  if (!had) return;
  const before = { status: had.status, assetId: had.assetId, lastError: had.lastError };
  // A finished asset brings its mass and collider (density × volume), as the host stored them.
  s.external(id, { ...hostFields(e), ...(e.status === 'ready' && had.status !== 'ready' ? { physics: e.physics } : {}) });
  if (before.status !== 'failed' && e.status === 'failed') s.notify(`${had.name}: generation failed — ${e.lastError ?? 'no reason given'}. The placeholder stays; Retry is in the objects list.`);
}

/**
 * Placeholders become assets when their job ends: asset_ready / job_failed events (and job
 * updates) refresh the entity they name; while drafts remain, a slow poll covers a dropped socket.
 */
export function useGenerationUpdates(worldId: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    const byJob = (jobId: string): string | null => {
      for (const e of Object.values(useWorldStore.getState().entities)) if (e.jobId === jobId) return e.id;
      return null;
    };
    const off = onWorldEvent((event) => {
      if (event.type === 'job_progress') {
        useJobProgress.getState().set(event.jobId, { progress: event.progress, detail: event.detail, status: event.status });
        return;
      }
      const ref = worldEventEntity(event);
      if (!ref) return;
      const id = ref.entityId ?? (ref.jobId ? byJob(ref.jobId) : null);
      if (id && useWorldStore.getState().entities[id]) void refreshEntity(id).catch(() => undefined);
      if (event.type === 'asset_ready') void qc.invalidateQueries({ queryKey: worldKeys.assetsAll });
    });
    const timer = setInterval(() => {
      const drafts = Object.values(useWorldStore.getState().entities).filter((e) => e.status === 'draft' && e.jobId);
      for (const e of drafts.slice(0, 10)) {
        void api
          .call('world.jobs.get', { params: { id: e.jobId! } })
          .then((j) => (j.status === 'ready' || j.status === 'failed' || j.status === 'cancelled' ? refreshEntity(e.id) : undefined))
          .catch(() => undefined);
      }
    }, POLL_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [qc, worldId]);
}
