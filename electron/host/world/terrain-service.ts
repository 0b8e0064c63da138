import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TerrainState } from '../../../shared/schemas/world.js';
import type { PutTerrainChunksBody } from '../../../shared/schemas/world-api.js';
import { decodeChunk } from '../../../shared/world/terrain.js';
import { worldTerrainChunks } from '../db/world-schema.js';
import { badRequest } from '../errors.js';
import type { WorldDeps } from './deps.js';
import type { WorldService } from './world-service.js';

/**
 * Terrain chunks of a world (seed §10): stored sparse (never-edited chunks are flat grass and
 * have no row), each replaced whole on save with its revision counted up. Chunks are decoded
 * with shared/world/terrain.ts first, so a wrong size or a non-finite height is refused naming
 * the chunk and nothing of the batch is written.
 */
export class TerrainService {
  constructor(
    private readonly deps: WorldDeps,
    private readonly worlds: WorldService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  get(worldId: string): TerrainState {
    this.worlds.row(worldId);
    const chunks = this.db
      .select()
      .from(worldTerrainChunks)
      .where(eq(worldTerrainChunks.worldId, worldId))
      .orderBy(worldTerrainChunks.cz, worldTerrainChunks.cx)
      .all()
      .map((r) => ({ cx: r.cx, cz: r.cz, heights: r.heights, splat: r.splat, revision: r.revision }));
    return { worldId, chunks };
  }

  put(worldId: string, body: z.infer<typeof PutTerrainChunksBody>): TerrainState {
    this.worlds.row(worldId);
    for (const c of body.chunks) {
      try {
        decodeChunk(c);
      } catch (err) {
        throw badRequest(`Invalid ${(err as Error).message}`);
      }
    }
    this.deps.database.sqlite.transaction(() => {
      for (const c of body.chunks) {
        this.db
          .insert(worldTerrainChunks)
          .values({ worldId, cx: c.cx, cz: c.cz, heights: c.heights, splat: c.splat, revision: 1 })
          .onConflictDoUpdate({
            target: [worldTerrainChunks.worldId, worldTerrainChunks.cx, worldTerrainChunks.cz],
            set: { heights: c.heights, splat: c.splat, revision: sql`${worldTerrainChunks.revision} + 1`, updatedAt: Date.now() },
          })
          .run();
      }
      for (const f of body.flatten) {
        this.db.delete(worldTerrainChunks).where(and(eq(worldTerrainChunks.worldId, worldId), eq(worldTerrainChunks.cx, f.cx), eq(worldTerrainChunks.cz, f.cz))).run();
      }
      this.worlds.touch(worldId);
    })();
    this.deps.bus.publish({ type: 'domain', topic: 'world.terrain.changed', id: worldId, data: { chunks: body.chunks.map((c) => [c.cx, c.cz]) } });
    return this.get(worldId);
  }
}
