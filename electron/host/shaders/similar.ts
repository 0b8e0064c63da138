import { eq, inArray } from 'drizzle-orm';
import type { ShaderSummary } from '../../../shared/schemas/shaders.js';
import { shaders } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { ShaderDeps } from './deps.js';
import type { ShaderReader } from './shader-rows.js';
import { feedIndexFor } from './feed-index.js';
import { getVector } from './vectors.js';

const SIMILARITY_ONLY = { similarity: 1, hot: 0, exploration: 0 } as const;

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
  // The feed index holds exactly the eligible shaders (published, public, rendered); similarity only.
  const near = feedIndexFor(deps.database.sqlite).rank(vector, { exclude: new Set([id]), pageHash: 0, limit, weights: SIMILARITY_ONLY });
  if (!near.length) return { items: [] };
  const rows = deps.database.db.select().from(shaders).where(inArray(shaders.id, near.map((n) => n.row.id))).all();
  const byId = new Map(reader.summaries(rows).map((s) => [s.id, s]));
  const items = near.flatMap((n) => {
    const s = byId.get(n.row.id);
    return s ? [{ ...s, similarity: Math.min(1, Math.max(0, n.similarity)) }] : [];
  });
  return { items: items.slice(0, limit) };
}
