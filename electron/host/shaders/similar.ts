import { and, eq, inArray } from 'drizzle-orm';
import type { ShaderSummary } from '../../../shared/schemas/shaders.js';
import { shaders } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { ShaderDeps } from './deps.js';
import type { ShaderReader } from './shader-rows.js';
import { getVector, knn } from './vectors.js';

/**
 * "More like this": the published shaders nearest to one shader's style vector (cosine over
 * frame statistics, GLSL features and text), nearest first, with the similarity.
 */
export function similarShaders(deps: ShaderDeps, reader: ShaderReader, id: string, limit: number): { items: (ShaderSummary & { similarity: number })[] } {
  const vector = getVector(deps.database.sqlite, 'vec_shader_style', id);
  if (!vector) {
    if (!deps.database.db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, id)).get()) throw notFound(`Shader ${id}`);
    return { items: [] };
  }
  // Over-fetch: drafts, private shaders and the shader itself are filtered out below.
  const near = knn(deps.database.sqlite, 'vec_shader_style', vector, limit * 4 + 1).filter((n) => n.id !== id);
  if (!near.length) return { items: [] };
  const rows = deps.database.db
    .select()
    .from(shaders)
    .where(and(inArray(shaders.id, near.map((n) => n.id)), eq(shaders.status, 'published'), eq(shaders.isPublic, true), eq(shaders.renderStatus, 'ready')))
    .all();
  const byId = new Map(reader.summaries(rows).map((s) => [s.id, s]));
  const items = near.flatMap((n) => {
    const s = byId.get(n.id);
    return s ? [{ ...s, similarity: Math.max(0, 1 - n.distance) }] : [];
  });
  return { items: items.slice(0, limit) };
}
