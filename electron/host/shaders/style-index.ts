import { eq } from 'drizzle-orm';
import { FrameStats } from '../../../shared/shaders/render-contract.js';
import { shaders } from '../db/schema.js';
import type { ShaderDeps } from './deps.js';
import { glslFeatures } from './glsl-features.js';
import { sourceOf, type ShaderRow } from './shader-rows.js';
import { STYLE_VECTOR_VERSION, styleVector } from './style-vector.js';
import { putVector } from './vectors.js';

/** What the render hook keeps of a good render: the visual input of the style vector. */
export interface StoredRenderStats {
  stats: FrameStats;
  isStatic: boolean;
  frameMs: number | null;
}

export function storedStats(row: Pick<ShaderRow, 'renderStats'>): StoredRenderStats | null {
  const raw = row.renderStats as Partial<StoredRenderStats> | null;
  if (!raw?.stats) return null;
  const parsed = FrameStats.safeParse(raw.stats);
  return parsed.success ? { stats: parsed.data, isStatic: !!raw.isStatic, frameMs: raw.frameMs ?? null } : null;
}

/**
 * (Re)computes a shader's style vector from its saved source, text and latest render stats and
 * stores it in vec_shader_style. Called on save (no visual block yet), after renders and on
 * text edits, so similarity search always reflects what is saved.
 */
export function indexStyle(deps: ShaderDeps, row: ShaderRow): Float32Array {
  const source = sourceOf(row);
  const stats = storedStats(row);
  const v = styleVector({ source, title: row.title, description: row.description, tags: row.tags ?? [], stats: stats?.stats ?? null }, glslFeatures(source));
  putVector(deps.database.sqlite, 'vec_shader_style', row.id, v);
  if (row.styleVectorVersion !== STYLE_VECTOR_VERSION) {
    deps.database.db.update(shaders).set({ styleVectorVersion: STYLE_VECTOR_VERSION }).where(eq(shaders.id, row.id)).run();
  }
  return v;
}
