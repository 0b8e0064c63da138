import type { ServerEvent } from '../../../shared/events.js';
import { TERMINAL_STATUSES } from '../../../shared/schemas/jobs.js';

/**
 * The app's event socket hands every event here (renderer/app/LiveUpdates.tsx); the open world
 * listens while it is mounted. No three.js here, so the app shell stays light.
 */
type Listener = (event: ServerEvent) => void;
const listeners = new Set<Listener>();

export function emitWorldEvent(event: ServerEvent): void {
  for (const l of listeners) l(event);
}

export function onWorldEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The entity a generation event settles (seed §16 asset_ready / job_failed, or a world job that
 * ended); progress events settle nothing, so they cause no fetch.
 */
export function worldEventEntity(event: ServerEvent): { entityId: string | null; jobId: string | null } | null {
  if (event.type === 'asset_ready' || event.type === 'job_failed') return { entityId: event.entityId, jobId: event.jobId };
  if (event.type === 'job.updated' && event.job.kind === 'world.generate' && TERMINAL_STATUSES.includes(event.job.status)) {
    return { entityId: null, jobId: event.job.id };
  }
  return null;
}
