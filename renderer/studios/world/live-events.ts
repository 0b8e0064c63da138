import type { ServerEvent } from '../../../shared/events.js';

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

/** The entity a world event is about, whatever envelope the host used (domain topic or job update). */
export function worldEventEntity(event: ServerEvent): { entityId: string | null; jobId: string | null } | null {
  if (event.type === 'domain' && event.topic.startsWith('world.')) {
    const d = (event.data ?? {}) as { entityId?: unknown; jobId?: unknown };
    return {
      entityId: typeof d.entityId === 'string' ? d.entityId : event.id,
      jobId: typeof d.jobId === 'string' ? d.jobId : null,
    };
  }
  if (event.type === 'job.updated' && event.job.kind.startsWith('world.')) return { entityId: null, jobId: event.job.id };
  const loose = event as unknown as { type?: string; entityId?: unknown; jobId?: unknown };
  if (loose.type === 'asset_ready' || loose.type === 'job_failed' || loose.type === 'job_progress') {
    return { entityId: typeof loose.entityId === 'string' ? loose.entityId : null, jobId: typeof loose.jobId === 'string' ? loose.jobId : null };
  }
  return null;
}
