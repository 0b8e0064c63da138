import { applyStamp, type Stamp } from '../../../../shared/world/terrain.js';
import type { ChunkSnapshot } from '../store/history.js';
import { useWorldStore } from '../store/world-store.js';

/** Stamps a landform into the terrain as one undoable command; returns what it did, for the prompt panel. */
export function stampTerrain(stamp: Stamp): string {
  const s = useWorldStore.getState();
  const before = new Map<string, ChunkSnapshot>();
  for (const [k, c] of s.terrain.chunks) before.set(k, { heights: c.heights.slice(), splat: c.splat.slice() });
  const { changed } = applyStamp(s.terrain, stamp);
  const size = `${stamp.width.toFixed(1)} × ${stamp.height.toFixed(1)} × ${stamp.depth.toFixed(1)} m`;
  if (!changed.length) return `The ${stamp.shape} falls outside the terrain: nothing changed.`;
  const terrain: Record<string, { before: ChunkSnapshot; after: ChunkSnapshot }> = {};
  for (const k of changed) {
    const c = s.terrain.chunks.get(k)!;
    terrain[k] = { before: before.get(k)!, after: { heights: c.heights.slice(), splat: c.splat.slice() } };
  }
  s.commit({ label: `Terrain: ${stamp.shape}`, entities: {}, terrain });
  return `Stamped a ${stamp.shape} (${size}) into the terrain. Ctrl+Z undoes it.`;
}
