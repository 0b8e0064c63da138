import { randomUUID } from 'node:crypto';
import { WORLD_VERSION } from '../../../shared/schemas/world.js';
import { WORLD_FILE_FORMAT, type WorldFile, type WorldWithEntities } from '../../../shared/schemas/world-api.js';
import { PlaceholderLook } from '../../../shared/schemas/world.js';
import { badRequest } from '../errors.js';
import type { AssetStore } from './asset-store.js';
import type { EntityService, NewEntity } from './entity-service.js';
import type { TerrainService } from './terrain-service.js';
import { migrateEntity, migrateSettings, repairBehaviour, repairPhysics, repairRender, repairSettings, repairTransform } from './world-migrations.js';
import type { WorldService } from './world-service.js';

/**
 * Portable world files: export a world as JSON, import one as a new world. An older file goes
 * through the same migration steps as an older stored world, then the same repair, so a file
 * written by an earlier build (or saved mid-explosion) still opens. Entity ids are new (a world
 * can be imported twice); parent links follow them.
 */
export class WorldFileService {
  constructor(
    private readonly worlds: WorldService,
    private readonly entities: EntityService,
    private readonly terrain: TerrainService,
    private readonly assets: AssetStore,
  ) {}

  export(worldId: string): WorldFile {
    const { world, entities } = this.worlds.load(worldId);
    return {
      format: WORLD_FILE_FORMAT,
      version: WORLD_VERSION,
      name: world.name,
      settings: world.settings,
      entities: entities.map((e) => ({ id: e.id, name: e.name, assetId: e.assetId, transform: e.transform, physics: e.physics, render: e.render, behaviour: e.behaviour, parentId: e.parentId, placeholder: e.placeholder })),
      terrain: this.terrain.get(worldId).chunks.map(({ cx, cz, heights, splat }) => ({ cx, cz, heights, splat })),
    };
  }

  import(file: WorldFile): WorldWithEntities {
    if (file.version > WORLD_VERSION) throw badRequest(`This world file was written by a newer build (version ${file.version}; this build reads up to ${WORLD_VERSION}). Update the app to open it.`);
    const settings = repairSettings(migrateSettings(file.settings, file.version));
    const ids = new Map(file.entities.map((e) => [e.id, randomUUID()]));
    const items: NewEntity[] = file.entities.map((e) => {
      const m = migrateEntity({ transform: e.transform, physics: e.physics, render: e.render, behaviour: e.behaviour }, file.version);
      const known = e.assetId ? !!this.assets.find(e.assetId) : false;
      const ph = PlaceholderLook.safeParse(e.placeholder);
      return {
        id: ids.get(e.id),
        name: e.name,
        assetId: known ? e.assetId : null,
        // An asset this library does not have: the placeholder stays, saying why (never shown as ready).
        status: known ? 'ready' : e.assetId ? 'failed' : 'draft',
        lastError: e.assetId && !known ? `asset ${e.assetId} is not in this library` : null,
        transform: repairTransform(m.transform),
        physics: repairPhysics(m.physics),
        render: repairRender(m.render),
        behaviour: repairBehaviour(m.behaviour),
        parentId: e.parentId ? (ids.get(e.parentId) ?? null) : null,
        placeholder: ph.success ? ph.data : null,
      };
    });
    if (items.length > settings.budget.maxEntities) {
      throw badRequest(`The world file has ${items.length} entities, more than its budget (settings.budget.maxEntities ${settings.budget.maxEntities})`);
    }
    const world = this.worlds.create({ name: file.name, settings });
    try {
      // Parents before children, so every parent link points at a row that exists.
      const ordered: NewEntity[] = [];
      const placed = new Set<string>();
      for (let pass = 0; ordered.length < items.length && pass <= items.length; pass++) {
        for (const it of items) if (!placed.has(it.id!) && (!it.parentId || placed.has(it.parentId))) ordered.push(it), placed.add(it.id!);
      }
      // A parent cycle in the file: those entities become roots.
      for (const it of items) if (!placed.has(it.id!)) ordered.push({ ...it, parentId: null }), placed.add(it.id!);
      if (ordered.length) this.entities.create(world.id, ordered);
      if (file.terrain.length) this.terrain.put(world.id, { chunks: file.terrain, flatten: [] });
    } catch (err) {
      this.worlds.delete(world.id);
      throw err;
    }
    return { ...this.worlds.load(world.id), migratedFrom: file.version < WORLD_VERSION ? file.version : null };
  }
}
