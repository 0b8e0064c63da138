import type { z } from 'zod';
import { chunkChecksum, type TerrainBrushMsg } from '../../shared/world/room-protocol.js';
import { applyStroke, decodeTerrain, encodeChunk, isPristine, sampleHeight, validateStroke, type BrushStroke, type Terrain } from '../../shared/world/terrain.js';
import type { WorldRoomStore } from './room-deps.js';
import { Refusal } from './authority.js';
import type { ServerPhysics } from './physics.js';

type Op = z.infer<typeof TerrainBrushMsg>;

/** Brush ops kept for late joiners until the next save folds them into the stored chunks. */
const MAX_LOG = 500;

/**
 * The room's terrain (seed §10): brush ops are applied in arrival order with the pure,
 * deterministic shared/world/terrain.ts, so every client that applies the same ops in the same
 * order gets the same heights; per-chunk checksums let a client check it did. Changed chunks
 * are saved to the store a moment later (and on dispose), then the op log restarts.
 */
export class RoomTerrain {
  readonly terrain: Terrain;
  private revisions = new Map<string, number>();
  private dirty = new Set<string>();
  log: Array<{ seq: number; op: Op }> = [];
  private seq = 0;

  constructor(
    private readonly worldId: string,
    private readonly store: WorldRoomStore,
    private readonly physics: ServerPhysics,
  ) {
    const stored = store.terrain(worldId);
    this.terrain = decodeTerrain(stored.chunks);
    for (const c of stored.chunks) this.revisions.set(`${c.cx},${c.cz}`, c.revision);
    for (const [key, chunk] of this.terrain.chunks) physics.setChunk(key, chunk);
  }

  groundAt(x: number, z: number): number {
    return sampleHeight(this.terrain, x, z);
  }

  checksum(key: string): string {
    const c = this.terrain.chunks.get(key);
    return c ? chunkChecksum(c.heights, c.splat) : '';
  }

  /** Stored chunks with their checksums, for the welcome message. */
  stored(): Array<{ cx: number; cz: number; heights: string; splat: string; revision: number; checksum: string }> {
    return [...this.terrain.chunks.entries()]
      .filter(([key, c]) => !isPristine(c) || this.revisions.has(key))
      .map(([key, c]) => ({ ...encodeChunk(c), revision: this.revisions.get(key) ?? 0, checksum: this.checksum(key) }));
  }

  /** Applies one op; returns its seq and the checksums of the chunks it changed. */
  apply(op: Op): { seq: number; checksums: Record<string, string> } {
    const stroke: BrushStroke = { ...op };
    const invalid = validateStroke(stroke);
    if (invalid) throw new Refusal('bad_message', `terrain_brush: ${invalid}`);
    const { changed } = applyStroke(this.terrain, stroke);
    const checksums: Record<string, string> = {};
    for (const key of changed) {
      this.physics.setChunk(key, this.terrain.chunks.get(key)!);
      this.dirty.add(key);
      this.revisions.set(key, (this.revisions.get(key) ?? 0) + 1);
      checksums[key] = this.checksum(key);
    }
    const seq = ++this.seq;
    this.log.push({ seq, op });
    if (this.log.length > MAX_LOG) this.log.shift();
    return { seq, checksums };
  }

  /**
   * Takes the stored terrain as it is now (the owner's editor replaced chunks whole): the chunks
   * that differ from the room's are overwritten, their colliders rebuilt and unsaved room brush
   * work on them dropped (the later edit wins). Returns them encoded with revision and checksum.
   */
  replaceFromStore(): Array<{ cx: number; cz: number; heights: string; splat: string; revision: number; checksum: string }> {
    const stored = this.store.terrain(this.worldId);
    const host = decodeTerrain(stored.chunks);
    const revs = new Map(stored.chunks.map((c) => [`${c.cx},${c.cz}`, c.revision]));
    const out: Array<{ cx: number; cz: number; heights: string; splat: string; revision: number; checksum: string }> = [];
    for (const [key, fresh] of host.chunks) {
      const ours = this.terrain.chunks.get(key);
      if (!ours || chunkChecksum(fresh.heights, fresh.splat) === this.checksum(key)) continue;
      ours.heights.set(fresh.heights);
      ours.splat.set(fresh.splat);
      this.physics.setChunk(key, ours);
      this.dirty.delete(key);
      this.revisions.set(key, Math.max((this.revisions.get(key) ?? 0) + 1, revs.get(key) ?? 0));
      out.push({ ...encodeChunk(ours), revision: this.revisions.get(key)!, checksum: this.checksum(key) });
    }
    return out;
  }

  revision(key: string): number {
    return this.revisions.get(key) ?? 0;
  }

  /** Writes the changed chunks (pristine ones as flatten) in one transaction. */
  save(): number {
    if (!this.dirty.size) return 0;
    const keys = [...this.dirty];
    this.dirty.clear();
    const chunks = keys.map((k) => this.terrain.chunks.get(k)!).filter(Boolean);
    this.store.putTerrain(this.worldId, {
      chunks: chunks.filter((c) => !isPristine(c)).map(encodeChunk),
      flatten: chunks.filter((c) => isPristine(c)).map((c) => ({ cx: c.cx, cz: c.cz })),
    });
    return keys.length;
  }
}
