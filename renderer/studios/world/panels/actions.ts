import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { flushWorld } from '../store/autosave.js';
import { deleteCommand, duplicateCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';

/** Editor actions shared by the toolbar, the inspector, the objects list and the keyboard. */

export function duplicateSelection(): void {
  const s = useWorldStore.getState();
  if (s.mode !== 'build' || !s.selection.length) return;
  const cmd = duplicateCommand(s.entities, s.selection);
  s.commit(cmd);
  const roots = Object.values(cmd.entities)
    .map((c) => c.after!)
    .filter((e) => !e.parentId || !cmd.entities[e.parentId]);
  s.select(roots.map((e) => e.id));
}

export function deleteSelection(): void {
  const s = useWorldStore.getState();
  if (s.mode !== 'build' || !s.selection.length) return;
  s.commit(deleteCommand(s.entities, s.selection));
  s.select([]);
}

/** Saves the selection (with children) as a prefab; autosave is flushed first so the host has them. */
export async function saveSelectionAsPrefab(name: string): Promise<string | null> {
  const s = useWorldStore.getState();
  if (!s.world || !s.selection.length) return null;
  try {
    await flushWorld();
    const prefab = await api.call('world.prefabs.create', { body: { name, tags: [], worldId: s.world.id, entityIds: s.selection } });
    s.notify(`Saved prefab “${prefab.name}” (${prefab.nodes.length} object${prefab.nodes.length === 1 ? '' : 's'}).`, 'info');
    return prefab.id;
  } catch (err) {
    s.notify(`Could not save the prefab: ${errorMessage(err)}`);
    return null;
  }
}

export async function retryGeneration(entityId: string): Promise<void> {
  const s = useWorldStore.getState();
  const e = s.entities[entityId];
  if (!e?.jobId) return;
  try {
    await api.call('world.jobs.retry', { params: { id: e.jobId } });
    s.external(entityId, { status: 'draft', lastError: null });
  } catch (err) {
    s.notify(`Could not retry ${e.name}: ${errorMessage(err)}`);
  }
}

export async function cancelGeneration(entityId: string): Promise<void> {
  const s = useWorldStore.getState();
  const e = s.entities[entityId];
  if (!e?.jobId) return;
  try {
    const j = await api.call('world.jobs.cancel', { params: { id: e.jobId } });
    s.external(entityId, { status: 'failed', lastError: j.lastError ?? 'cancelled' });
  } catch (err) {
    s.notify(`Could not cancel ${e.name}: ${errorMessage(err)}`);
  }
}
