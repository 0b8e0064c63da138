import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared.js';

/**
 * A 64-d embedding of an asset's recipe for "similar" (sqlite-vec table vec_world_recipe,
 * cosine): feature hashing of what the recipe says — kind, shape, materials, body type, style
 * and name words — plus its proportions (log size per axis). No model is needed, so it works
 * offline and two identical recipes land on the same point.
 */
export const RECIPE_DIMS = 64;
const HASHED = 56;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

function add(v: Float32Array, feature: string, w: number): void {
  const h = fnv(feature);
  v[h % HASHED] = (v[h % HASHED] as number) + ((h >>> 31) & 1 ? -w : w);
}

const words = (s: string) => s.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [];

export interface EmbeddableAsset {
  kind: string;
  displayName: string;
  tags: string[];
  recipe: Record<string, unknown> | null;
  scaleMeters: [number, number, number];
}

export function recipeEmbedding(a: EmbeddableAsset): Float32Array {
  const v = new Float32Array(RECIPE_DIMS);
  const r = a.recipe ?? {};
  add(v, `kind:${a.kind}`, 2);
  if (typeof r.shape === 'string') add(v, `shape:${r.shape}`, 3);
  const mats = Array.isArray(r.materials) ? r.materials : [];
  mats.forEach((m, i) => {
    const t = (m as { type?: unknown })?.type;
    if (typeof t === 'string') add(v, `mat:${t}`, i === 0 ? 1.5 : 0.8);
  });
  const body = (r.physics as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') add(v, `body:${body}`, 0.5);
  for (const w of words(typeof r.style === 'string' ? r.style : '')) add(v, `style:${w}`, 0.5);
  for (const w of words(a.displayName)) add(v, `word:${w}`, 1);
  for (const t of a.tags) add(v, `tag:${t.toLowerCase()}`, 0.7);
  // Proportions: log size per axis, so a tall thin thing is near other tall thin things.
  a.scaleMeters.forEach((s, i) => (v[HASHED + i] = Math.log10(Math.max(0.01, s)) * 0.8));
  v[HASHED + 3] = Math.log10(Math.max(0.01, a.scaleMeters[1] / Math.max(0.01, a.scaleMeters[0], a.scaleMeters[2])));
  const n = Math.hypot(...v);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  else v[0] = 1;
  return v;
}

export function putRecipeVector(db: Database.Database, id: string, v: Float32Array): void {
  const blob = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  // vec0 has no upsert: UPDATE in place, INSERT when no row was there.
  if (prepared(db, 'UPDATE vec_world_recipe SET embedding = ? WHERE id = ?').run(blob, id).changes === 0) {
    prepared(db, 'INSERT INTO vec_world_recipe(id, embedding) VALUES (?, ?)').run(id, blob);
  }
}

/** Nearest assets to `id` by recipe embedding (cosine distance), itself excluded. */
export function nearestRecipes(db: Database.Database, id: string, k: number): { id: string; distance: number }[] {
  const row = prepared(db, 'SELECT embedding FROM vec_world_recipe WHERE id = ?').get(id) as { embedding: Buffer } | undefined;
  if (!row) return [];
  const rows = prepared(db, 'SELECT id, distance FROM vec_world_recipe WHERE embedding MATCH ? AND k = ? ORDER BY distance').all(row.embedding, k + 1) as { id: string; distance: number }[];
  return rows.filter((r) => r.id !== id).slice(0, k);
}
