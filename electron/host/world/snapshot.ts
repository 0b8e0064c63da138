import type { z } from 'zod';
import { jobKindSpec } from '../../../shared/jobs/registry.js';
import type { WorldSnapshotBody } from '../../../shared/routes/world.js';
import { PRIORITY_INTERACTIVE, type Job } from '../../../shared/schemas/jobs.js';
import { AppError } from '../errors.js';
import { WORLD_KINDS, type WorldDeps } from './deps.js';
import { worldServices } from './services.js';

export const SNAPSHOT_UNAVAILABLE =
  'World snapshots need the world.snapshot job (the headless world renderer), which this build does not have yet; nothing was rendered';

/** What world.snapshot renders: every entity's GLB (or its placeholder box when it has none) at its transform. */
export function snapshotInput(deps: WorldDeps, worldId: string, body: z.infer<typeof WorldSnapshotBody>): Record<string, unknown> {
  const s = worldServices(deps);
  const world = s.worlds.get(worldId);
  const items = s.entities.list(worldId).map((e) => {
    const glbMediaId = e.assetId ? (s.assets.find(e.assetId)?.files.glbMediaId ?? null) : null;
    const media = glbMediaId ? deps.media.get(glbMediaId) : undefined;
    // The worker reads files, not the media table: the host hands it the stored GLB's path.
    return { entityId: e.id, glbMediaId, glbPath: media ? deps.media.absolutePath(media) : null, placeholder: e.placeholder, transform: e.transform, parentId: e.parentId };
  });
  return { worldId, name: world.name, width: body.width, height: body.height, ...(body.camera ? { camera: body.camera } : {}), items };
}

/** Queues a world.snapshot render of a world; a build without the kind answers 503 saying so. */
export function queueWorldSnapshot(deps: WorldDeps, worldId: string, body: z.infer<typeof WorldSnapshotBody>): Job {
  if (!jobKindSpec(WORLD_KINDS.snapshot)) throw new AppError(503, 'not_available', SNAPSHOT_UNAVAILABLE);
  const input = snapshotInput(deps, worldId, body);
  return deps.jobs.submit({ kind: WORLD_KINDS.snapshot, input, userId: deps.ownerUserId, priority: PRIORITY_INTERACTIVE }).job;
}
