import type { EntityUpsert } from '../../shared/schemas/world-api.js';
import type { WorldRoom } from './world-room.js';

/** How often settled bodies and edited terrain are written back (ms). */
const SAVE_EVERY_MS = 2000;
/** Moves smaller than this (metres / quaternion units) are not worth a write. */
const EPS = 1e-3;

type Pose = { position: [number, number, number]; rotation: [number, number, number, number] };

/**
 * Writes the room's world back to its store (SQLite on the host, Postgres on the relay) (seed §10 persistence): every SAVE_EVERY_MS the bodies
 * that came to rest somewhere new (sleeping, not held) in one batch upsert, plus the terrain
 * chunks brushed since; everything on dispose. A host killed mid-session loses at most the
 * last couple of seconds of motion, and reopening the world (or the room) starts from there.
 */
export class RoomPersistence {
  private saved = new Map<string, Pose>();
  private lastSave = Date.now();
  saves = 0;

  constructor(private readonly room: WorldRoom) {
    for (const p of room.physics.movable()) this.saved.set(p.id, { position: p.position, rotation: p.rotation });
  }

  private moved(id: string, pose: Pose): boolean {
    const s = this.saved.get(id);
    if (!s) return true;
    for (let i = 0; i < 3; i++) if (Math.abs(s.position[i]! - pose.position[i]!) > EPS) return true;
    for (let i = 0; i < 4; i++) if (Math.abs(s.rotation[i]! - pose.rotation[i]!) > EPS) return true;
    return false;
  }

  maybeSave(now: number): void {
    if (now - this.lastSave < SAVE_EVERY_MS) return;
    this.lastSave = now;
    try {
      this.save(false);
    } catch (err) {
      this.room.deps.logger.error(`world room ${this.room.worldId}: autosave failed: ${(err as Error).message}`);
    }
  }

  saveAll(): void {
    this.save(true);
  }

  private save(all: boolean): void {
    // Edits made outside the room first: a body deleted in the editor must not be written back.
    this.room.edits.apply();
    const rows: EntityUpsert[] = [];
    const poses: Array<[string, Pose]> = [];
    for (const p of this.room.physics.movable()) {
      if (!all && (!p.sleeping || this.room.authority.holderOf(p.id))) continue;
      const pose = { position: p.position, rotation: p.rotation };
      if (!this.moved(p.id, pose)) continue;
      const e = this.room.physics.entity(p.id);
      if (!e) continue;
      rows.push({ id: p.id, transform: { position: p.position, rotation: p.rotation, scale: e.transform.scale } });
      poses.push([p.id, pose]);
    }
    if (rows.length) {
      this.room.edits.own(() => this.room.deps.store.upsertEntities(this.room.worldId, rows));
      for (const [id, pose] of poses) this.saved.set(id, pose);
    }
    this.room.edits.own(() => this.room.terrain.save());
    this.saves++;
  }
}
