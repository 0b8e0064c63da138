import type { RecipeKind } from './recipe.js';

/**
 * Seed §6 Step E target budgets (PS2-era fidelity): triangles per LOD as [min, max] and the
 * texture edge in pixels. The max is enforced (LODs are simplified under it); the min is what
 * the templates aim for at normal detail. Terrain stamps take the structure budgets.
 */
export interface KindBudget {
  lods: readonly [readonly [number, number], readonly [number, number], readonly [number, number]];
  /** Texture edge in px: [small assets, normal]. */
  texture: readonly [number, number];
}

export const WORLD_BUDGETS: Readonly<Record<RecipeKind, KindBudget>> = {
  prop: { lods: [[300, 1500], [150, 700], [50, 300]], texture: [128, 256] },
  character: { lods: [[2000, 5000], [1000, 2500], [300, 1000]], texture: [256, 512] },
  structure: { lods: [[2000, 12000], [1000, 5000], [300, 2000]], texture: [512, 512] },
  terrain_stamp: { lods: [[2000, 12000], [1000, 5000], [300, 2000]], texture: [512, 512] },
};

/** Texture edge for an asset: small props (under 40 cm) get the low end. */
export function textureSize(kind: RecipeKind, sizeMeters: readonly number[]): number {
  const [small, normal] = WORLD_BUDGETS[kind].texture;
  return Math.max(...sizeMeters) < 0.4 ? small : normal;
}
