import type Database from 'better-sqlite3';
import { STYLE_DIMS } from './style-vector.js';
import { styleCodes, type StyleCodes } from './vector-codes.js';

/**
 * Reads and writes the sqlite-vec tables (512-d, cosine, text keys; drizzle/0001_vectors.sql).
 * vec0 has no upsert, so a write is an UPDATE, or an INSERT when no row was there.
 */

export type VecTable = 'vec_shader_style' | 'vec_user_taste' | 'vec_desire_embedding';
/** sqlite-vec's upper bound for k in a KNN query. */
export const MAX_KNN = 4096;

export interface Neighbour {
  id: string;
  /** Cosine distance (1 − cosine similarity). */
  distance: number;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Database.Database, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

function check(v: Float32Array): void {
  if (v.length !== STYLE_DIMS) throw new Error(`Vectors are ${STYLE_DIMS}-d, got ${v.length}`);
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw new Error(`Vector has a non-finite value at ${i}`);
}

export function toFloat32(blob: Buffer | Uint8Array): Float32Array {
  // Copy: the blob's offset need not be 4-byte aligned.
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

/**
 * vec0 tables take no triggers, so a style-vector write keeps the feed index's tables
 * (drizzle/0005_feed_index.sql) in step itself: its compact codes, and a change-log row.
 */
function styleChanged(db: Database.Database, table: VecTable, id: string, v: Float32Array | null): void {
  if (table !== 'vec_shader_style') return;
  if (v) putStyleCodes(db, id, v);
  else stmt(db, 'DELETE FROM shader_style_codes WHERE shader_id = ?').run(id);
  stmt(db, 'INSERT INTO feed_index_changes(shader_id, vector) VALUES (?, 1)').run(id);
}

/** Writes the SimHash / int8 codes of a style vector (vector-codes.ts). */
export function putStyleCodes(db: Database.Database, id: string, v: Float32Array): StyleCodes {
  const codes = styleCodes(v);
  stmt(db, 'INSERT OR REPLACE INTO shader_style_codes(shader_id, code, q8, scale) VALUES (?, ?, ?, ?)').run(
    id,
    Buffer.from(codes.code.buffer, codes.code.byteOffset, codes.code.byteLength),
    Buffer.from(codes.q8.buffer, codes.q8.byteOffset, codes.q8.byteLength),
    codes.scale,
  );
  return codes;
}

export function putVector(db: Database.Database, table: VecTable, id: string, v: Float32Array): void {
  check(v);
  const blob = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  db.transaction(() => {
    // UPDATE in place when the row exists: ~0.03 ms, where vec0's delete + insert costs ~5 ms.
    if (stmt(db, `UPDATE ${table} SET embedding = ? WHERE id = ?`).run(blob, id).changes === 0) {
      stmt(db, `INSERT INTO ${table}(id, embedding) VALUES (?, ?)`).run(id, blob);
    }
    styleChanged(db, table, id, v);
  })();
}

export function getVector(db: Database.Database, table: VecTable, id: string): Float32Array | null {
  const row = stmt(db, `SELECT embedding FROM ${table} WHERE id = ?`).get(id) as { embedding: Buffer } | undefined;
  return row ? toFloat32(row.embedding) : null;
}

export function getVectors(db: Database.Database, table: VecTable, ids: readonly string[]): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const one = stmt(db, `SELECT embedding FROM ${table} WHERE id = ?`);
  for (const id of new Set(ids)) {
    const row = one.get(id) as { embedding: Buffer } | undefined;
    if (row) out.set(id, toFloat32(row.embedding));
  }
  return out;
}

export function deleteVector(db: Database.Database, table: VecTable, id: string): void {
  db.transaction(() => {
    stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
    styleChanged(db, table, id, null);
  })();
}

/** The k nearest rows by cosine distance (brute force inside sqlite-vec), nearest first. The feed and
 * "more like this" use the in-memory FeedIndex instead; desires (few rows) use this. */
export function knn(db: Database.Database, table: VecTable, query: Float32Array, k: number): Neighbour[] {
  check(query);
  const kk = Math.max(1, Math.min(MAX_KNN, Math.floor(k)));
  return stmt(db, `SELECT id, distance FROM ${table} WHERE embedding MATCH ? AND k = ? ORDER BY distance`).all(
    Buffer.from(query.buffer, query.byteOffset, query.byteLength),
    kk,
  ) as Neighbour[];
}
