import type { Ingredient, ProjectBoard } from '../../../shared/schemas/shots.js';
import { continuityWarnings } from '../../../shared/shots/continuity.js';
import { slotsOf, toIngredient, toProject, toScene, toShot, type ShotsReader } from './rows.js';

/** One read of a project: scenes with their shots, the library with usage, continuity warnings. */
export function readBoard(reader: ShotsReader, projectId: string): ProjectBoard {
  const project = reader.project(projectId);
  const scenes = reader.liveScenes(projectId);
  const shotRows = reader.liveShots(scenes.map((s) => s.id));
  const veo = reader.veo(shotRows.map((r) => r.id));
  const shotsDto = shotRows.map((r) => toShot(r, projectId, veo));
  const usage = new Map<string, Ingredient['usedBy']>();
  for (const s of shotRows) {
    slotsOf(s).forEach((id, i) => {
      if (id) usage.set(id, [...(usage.get(id) ?? []), { shotId: s.id, sceneId: s.sceneId, slot: i + 1, description: s.description }]);
    });
  }
  const ingredients = reader.liveIngredients(projectId).map((r) => toIngredient(r, usage.get(r.id) ?? []));
  return {
    project: toProject(project, { scenes: scenes.length, shots: shotRows.length, ingredients: ingredients.length }),
    scenes: scenes.map((sc) => {
      const mine = shotsDto.filter((s) => s.sceneId === sc.id);
      return { ...toScene(sc, mine.length), shots: mine };
    }),
    ingredients,
    warnings: continuityWarnings(shotsDto, ingredients),
  };
}

/** Warnings of one scene only (what a shot edit can change). */
export function sceneWarnings(reader: ShotsReader, projectId: string, sceneId: string) {
  const shotsDto = reader.liveShots([sceneId]).map((r) => toShot(r, projectId));
  const ingredients = reader.liveIngredients(projectId).map((r) => ({ id: r.id, type: r.type, name: r.name }));
  return continuityWarnings(shotsDto, ingredients);
}
