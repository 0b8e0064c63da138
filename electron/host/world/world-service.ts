import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DEFAULT_WORLD_SETTINGS, WORLD_VERSION, WorldSettings, type World } from '../../../shared/schemas/world.js';
import { type CreateWorldBody, type UpdateWorldBody, type WorldWithEntities } from '../../../shared/schemas/world-api.js';
import { worldEntities, worldWorlds } from '../db/world-schema.js';
import { badRequest, notFound } from '../errors.js';
import type { WorldDeps } from './deps.js';
import { toEntity, toWorld, type WorldRow } from './rows.js';
import { migrateEntity, migrateSettings } from './world-migrations.js';

/** Worlds: create, list, settings, delete, and load (an older stored version is migrated first). */
export class WorldService {
  constructor(private readonly deps: WorldDeps) {}

  private get db() {
    return this.deps.database.db;
  }

  row(id: string): WorldRow {
    const r = this.db.select().from(worldWorlds).where(eq(worldWorlds.id, id)).get();
    if (!r) throw notFound(`World ${id}`);
    return r;
  }

  entityCount(id: string): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(worldEntities).where(eq(worldEntities.worldId, id)).get()?.n ?? 0;
  }

  get(id: string): World {
    return toWorld(this.row(id), this.entityCount(id));
  }

  list(): World[] {
    const counts = new Map(
      this.db.select({ id: worldEntities.worldId, n: sql<number>`count(*)` }).from(worldEntities).groupBy(worldEntities.worldId).all().map((r) => [r.id, r.n]),
    );
    return this.db.select().from(worldWorlds).orderBy(desc(worldWorlds.updatedAt)).all().map((r) => toWorld(r, counts.get(r.id) ?? 0));
  }

  create(body: z.infer<typeof CreateWorldBody>): World {
    const settings = this.settingsOf({ ...DEFAULT_WORLD_SETTINGS, ...body.settings, budget: { ...DEFAULT_WORLD_SETTINGS.budget, ...body.settings?.budget } });
    const id = randomUUID();
    this.db.insert(worldWorlds).values({ id, name: body.name, settings, version: WORLD_VERSION }).run();
    this.changed(id);
    return this.get(id);
  }

  update(id: string, body: z.infer<typeof UpdateWorldBody>): World {
    const current = this.get(id);
    const settings = body.settings ? this.settingsOf({ ...current.settings, ...body.settings, budget: { ...current.settings.budget, ...body.settings.budget } }) : undefined;
    this.db.update(worldWorlds).set({ ...(body.name ? { name: body.name } : {}), ...(settings ? { settings } : {}), updatedAt: Date.now() }).where(eq(worldWorlds.id, id)).run();
    this.changed(id);
    return this.get(id);
  }

  delete(id: string): { ok: true; id: string } {
    this.row(id);
    this.db.delete(worldWorlds).where(eq(worldWorlds.id, id)).run();
    this.changed(id);
    return { ok: true, id };
  }

  setThumbnail(id: string, mediaId: string): void {
    this.row(id);
    this.db.update(worldWorlds).set({ thumbnailMediaId: mediaId }).where(eq(worldWorlds.id, id)).run();
    this.changed(id);
  }

  /** Marks the world as just edited (autosave order of the world list). */
  touch(id: string): void {
    this.db.update(worldWorlds).set({ updatedAt: Date.now() }).where(eq(worldWorlds.id, id)).run();
  }

  /**
   * The world with its entities. A world stored by an older build (version < WORLD_VERSION) is
   * migrated in one transaction first, so it is rewritten once, not on every load.
   */
  load(id: string): WorldWithEntities {
    const row = this.row(id);
    let migratedFrom: number | null = null;
    if (row.version < WORLD_VERSION) {
      migratedFrom = row.version;
      this.migrate(row);
    } else if (row.version > WORLD_VERSION) {
      throw badRequest(`World ${id} was saved by a newer build (version ${row.version}; this build reads up to ${WORLD_VERSION}). Update the app to open it.`);
    }
    const entities = this.db.select().from(worldEntities).where(eq(worldEntities.worldId, id)).orderBy(worldEntities.createdAt, sql`rowid`).all().map(toEntity);
    return { world: this.get(id), entities, migratedFrom };
  }

  private migrate(row: WorldRow): void {
    const from = row.version;
    this.deps.database.sqlite.transaction(() => {
      for (const e of this.db.select().from(worldEntities).where(eq(worldEntities.worldId, row.id)).all()) {
        const m = migrateEntity({ transform: e.transform, physics: e.physics, render: e.render, behaviour: e.behaviour }, from);
        this.db.update(worldEntities).set(m).where(eq(worldEntities.id, e.id)).run();
      }
      this.db.update(worldWorlds).set({ settings: migrateSettings(row.settings, from), version: WORLD_VERSION }).where(eq(worldWorlds.id, row.id)).run();
    })();
    this.deps.logger.info(`world ${row.id}: migrated from version ${from} to ${WORLD_VERSION}`);
  }

  private settingsOf(s: unknown) {
    const r = WorldSettings.safeParse(s);
    if (!r.success) throw badRequest(`Invalid world settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, r.error.issues);
    return r.data;
  }

  changed(id: string): void {
    this.deps.bus.publish({ type: 'domain', topic: 'world.changed', id, data: null });
  }
}
