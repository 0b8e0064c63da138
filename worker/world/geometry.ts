import { WORLD_BUDGETS } from '../../shared/world/budgets.js';
import type { Recipe } from '../../shared/world/recipe.js';
import { MeshBuilder } from './mesh-builder.js';
import { rng } from './noise.js';
import { TEMPLATES } from './templates/index.js';

export interface BuiltGeometry {
  builder: MeshBuilder;
  detail: number;
  triangles: number;
}

export function buildAt(recipe: Recipe, detail: number): MeshBuilder {
  const b = new MeshBuilder();
  TEMPLATES[recipe.shape]({
    b,
    size: recipe.scaleMeters,
    params: recipe.params,
    rand: rng(recipe.seed),
    seed: recipe.seed,
    detail,
    secondary: recipe.materials.length > 1 ? 1 : 0,
  });
  return b;
}

/**
 * LOD0 from the recipe's template: detail is raised toward the kind's minimum triangle count
 * and lowered under its maximum (or the world's cap), a few steps each way. Deterministic.
 */
export function buildLod0(recipe: Recipe, maxTriangles?: number): BuiltGeometry {
  const [min, kindMax] = WORLD_BUDGETS[recipe.kind].lods[0];
  const max = Math.min(kindMax, maxTriangles ?? Infinity);
  let detail = 1;
  let b = buildAt(recipe, detail);
  for (let i = 0; i < 4 && b.triangleCount() < min; i++) {
    const next = buildAt(recipe, detail * 1.6);
    if (next.triangleCount() > max || next.triangleCount() === b.triangleCount()) break;
    detail *= 1.6;
    b = next;
  }
  for (let i = 0; i < 6 && b.triangleCount() > max; i++) {
    detail *= 0.6;
    b = buildAt(recipe, detail);
  }
  return { builder: b, detail, triangles: b.triangleCount() };
}
