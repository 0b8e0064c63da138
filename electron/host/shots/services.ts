import type { ShotsDeps } from './deps.js';
import { ExportService } from './export-service.js';
import { IngredientService } from './ingredient-service.js';
import { ProjectService } from './project-service.js';
import { ShotsReader } from './rows.js';
import { SceneService } from './scene-service.js';
import { ShotsPipeline } from './pipeline.js';
import { ScriptImportService } from './script-import.js';
import { ShotService, type PayloadCheck } from './shot-service.js';
import { SlotService } from './slot-service.js';
import { checkVeoPayload } from './veo-payload-check.js';

/** The Shots studio's services, shared by the HTTP routes, job hooks and MCP tools. */
export interface ShotsServices {
  reader: ShotsReader;
  projects: ProjectService;
  scenes: SceneService;
  shots: ShotService;
  slots: SlotService;
  ingredients: IngredientService;
  scripts: ScriptImportService;
  exports: ExportService;
  pipeline: ShotsPipeline;
}

export function createShotsServices(deps: ShotsDeps, checkPayload: PayloadCheck = checkVeoPayload): ShotsServices {
  const reader = new ShotsReader(deps.database.db);
  const projects = new ProjectService(deps, reader);
  const scenes = new SceneService(deps, reader, projects);
  const shots = new ShotService(deps, reader, projects, checkPayload);
  const svc = {
    reader,
    projects,
    scenes,
    shots,
    slots: new SlotService(deps, reader, projects, shots),
    ingredients: new IngredientService(deps, reader, projects),
    scripts: new ScriptImportService(deps, reader, scenes),
    exports: new ExportService(deps, reader),
  } as ShotsServices;
  svc.pipeline = new ShotsPipeline(deps, svc);
  return svc;
}

const byCore = new WeakMap<object, ShotsServices>();

/** One set of services per core (host or `auteur mcp`), made on first use. */
export function shotsServices(core: ShotsDeps): ShotsServices {
  let s = byCore.get(core.database);
  if (!s) byCore.set(core.database, (s = createShotsServices(core)));
  return s;
}
