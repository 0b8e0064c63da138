import type { Entity, TerrainState, Transform } from '../../../shared/schemas/world.js';
import { freeSpot, type Footprint } from '../../../shared/world/free-spot.js';
import { CELL_M, CHUNK_CELLS, chunkKey, chunkOrigin, decodeChunk, sampleHeight, type Terrain } from '../../../shared/world/terrain.js';

/** A root entity's ground footprint: its placeholder box (the recipe's size) times its scale; 1 m when it has none. */
function footprint(e: Entity): Footprint {
  const size = e.placeholder?.scaleMeters ?? [1, 1, 1];
  const [sx, , sz] = e.transform.scale;
  return { x: e.transform.position[0], z: e.transform.position[2], halfX: (size[0] * Math.abs(sx)) / 2, halfZ: (size[2] * Math.abs(sz)) / 2 };
}

/**
 * Where a spawn with no transform of its own goes (the API and MCP's world_spawn): the origin, or
 * the nearest free spot around it for an object of `size` metres, on the terrain there. An agent
 * spawning five things without positions gets five things side by side, not one inside another.
 */
export function freeTransform(entities: readonly Entity[], terrain: TerrainState, size: readonly [number, number, number]): Transform {
  const byId = new Set(entities.map((e) => e.id));
  const roots = entities.filter((e) => !e.parentId || !byId.has(e.parentId));
  const spot = freeSpot(0, 0, size[0] / 2, size[2] / 2, roots.map(footprint));
  // Only the chunks under the spot are decoded (a point on a chunk edge reads both sides).
  const span = CHUNK_CELLS * CELL_M;
  const under = terrain.chunks.filter((c) => {
    const o = chunkOrigin(c.cx, c.cz);
    return spot.x >= o.x && spot.x <= o.x + span && spot.z >= o.z && spot.z <= o.z + span;
  });
  const ground: Terrain = { chunks: new Map(under.map((c) => [chunkKey(c.cx, c.cz), decodeChunk(c)])) };
  return { position: [spot.x, sampleHeight(ground, spot.x, spot.z), spot.z], rotation: [0, 0, 0, 1], scale: [1, 1, 1] };
}
