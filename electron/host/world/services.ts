import { AssetImportService } from './asset-import.js';
import { AssetStore } from './asset-store.js';
import type { WorldDeps } from './deps.js';
import { EntityService } from './entity-service.js';
import { GenerationService } from './generation-service.js';
import { GlbExporter } from './glb-export.js';
import { PrefabService } from './prefab-service.js';
import { TerrainService } from './terrain-service.js';
import { WorldFileService } from './world-file.js';
import { WorldService } from './world-service.js';

/** The World studio's services, shared by the HTTP routes, job hooks and MCP tools. */
export interface WorldServices {
  worlds: WorldService;
  entities: EntityService;
  assets: AssetStore;
  imports: AssetImportService;
  exports: GlbExporter;
  generation: GenerationService;
  prefabs: PrefabService;
  terrain: TerrainService;
  files: WorldFileService;
}

export function createWorldServices(deps: WorldDeps): WorldServices {
  const worlds = new WorldService(deps);
  const entities = new EntityService(deps, worlds);
  const assets = new AssetStore(deps);
  const terrain = new TerrainService(deps, worlds);
  return {
    worlds,
    entities,
    assets,
    files: new WorldFileService(worlds, entities, terrain, assets),
    imports: new AssetImportService(deps, assets, worlds, entities),
    exports: new GlbExporter(worlds, entities, assets),
    generation: new GenerationService(deps, worlds, entities, assets, terrain),
    prefabs: new PrefabService(deps, entities),
    terrain,
  };
}

const byCore = new WeakMap<object, WorldServices>();

/** One set of services per core (host or `auteur mcp`), made on first use. */
export function worldServices(core: WorldDeps): WorldServices {
  let s = byCore.get(core.database);
  if (!s) byCore.set(core.database, (s = createWorldServices(core)));
  return s;
}
