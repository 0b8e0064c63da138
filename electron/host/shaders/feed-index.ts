import type Database from 'better-sqlite3';
import type { FeedRow } from './feed-candidates.js';
import { STYLE_DIMS } from './style-vector.js';
import { CODE_WORDS, exploration, idHash, simHash, unit } from './vector-codes.js';
import { dotInt8Pair, dotInt8Unit, hammingPrefilter, int8Rerank, RankScratch, unitInto } from './feed-kernels.js';
import { getVector, putStyleCodes } from './vectors.js';
import { prepared } from '../db/prepared.js';

/**
 * In-memory index of every feed-eligible shader (published, public, render-ready, with a style
 * vector): its SimHash code and int8 copy of its vector (vector-codes.ts, loaded from the
 * shader_style_codes table), its cached hot score and light row.
 * A query scores the WHOLE library with the feed formula in three narrowing stages, so the
 * hot and exploration terms are applied to every shader, not only to vector neighbours:
 *
 *   1. every shader:        weights · (cos(π·hamming/512), hot, exploration) → best PREFILTER
 *   2. those candidates:    the same with the int8 cosine                    → best `limit`
 *
 * The int8 cosine is within 1e-3 of the float one (test/unit/feed-index.test.ts); reading the
 * float vectors back from vec0 costs ~60 µs per point lookup, more than the whole ranking.
 *
 * The index follows the database through `feed_index_changes` (drizzle/0004_feed_index.sql):
 * triggers on `shaders` and every write of a style vector (vectors.ts) append the shader id, and
 * each query first applies what was appended since the last one. A gap (another process pruned
 * rows this one never read) rebuilds from scratch; a large batch is applied in one scan.
 */

/** Candidates kept from the Hamming pass. The bench's clustered libraries keep recall at 192, but
 * an unclustered one (close similarities: hot and exploration decide) drops to ~0.93 at 256 and
 * stays ~0.98 at 512 (test/integration/feed-index.test.ts holds it). */
export const PREFILTER = 512;
/** More changed shaders than this (e.g. the 15-min hot-score refresh) → one scan instead of a read each. */
const BULK_APPLY = 2_000;
/** Applied change rows are deleted once this many have piled up. */
const PRUNE_EVERY = 2_000;

const ELIGIBLE = `+s.status = 'published' AND +s.is_public = 1 AND +s.render_status = 'ready'`;
const COLS = `s.id AS id, s.title AS title, s.score AS score, s.published_at AS publishedAt, s.created_at AS createdAt`;

export interface RankWeights {
  similarity: number;
  hot: number;
  exploration: number;
}

export interface Ranked {
  row: FeedRow;
  /** Cosine similarity of the query and the shader's style vector (int8 copy, |error| < 1e-3). */
  similarity: number;
  exploration: number;
  total: number;
}

export interface RankQuery {
  exclude: ReadonlySet<string>;
  /** pageKeyHash(...) of the page; its exploration draws. */
  pageHash: number;
  limit: number;
  weights: RankWeights;
  /** Candidates kept from the Hamming pass (default PREFILTER); benchmarks tune it. */
  prefilter?: number;
}

interface CodedRow extends FeedRow {
  code: Buffer;
  q8: Buffer;
  scale: number;
}

interface Change {
  seq: number;
  id: string;
  vector: number;
}

export class FeedIndex {
  private n = 0;
  private cap = 0;
  private rows: FeedRow[] = [];
  private slotOf = new Map<string, number>();
  private codes = new Uint32Array(0);
  private q8 = new Int8Array(0);
  private scale = new Float64Array(0);
  private hot = new Float64Array(0);
  private idHashes = new Uint32Array(0);
  private built = false;
  private lastSeq = 0;
  private prunedTo = 0;
  /** Buffers reused by every query: a page allocated ~100 KB here before, which set off GC pauses. */
  private readonly scratch = new RankScratch();

  constructor(private readonly sqlite: Database.Database) {}

  private prep(sql: string): Database.Statement {
    return prepared(this.sqlite, sql);
  }

  /** Eligible shaders held (after applying pending changes). */
  size(): number {
    this.sync();
    return this.n;
  }

  has(id: string): boolean {
    this.sync();
    return this.slotOf.has(id);
  }

  /** The best `limit` eligible shaders by weights · (similarity, hot, exploration), best first. */
  rank(query: Float32Array, q: RankQuery): Ranked[] {
    this.sync();
    if (q.limit <= 0 || this.n === 0) return [];
    const { weights: w, exclude, pageHash } = q;
    const s = this.scratch.ready(this.cap, Math.max(q.prefilter ?? PREFILTER, q.limit), q.limit);
    const skip = s.skip;
    const marked: number[] = [];
    for (const id of exclude) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined && !skip[slot]) {
        skip[slot] = 1;
        marked.push(slot);
      }
    }
    simHash(query, s.qCode);
    unitInto(query, s.qUnit);
    try {
      // 1. Hamming prefilter over everything.
      hammingPrefilter(this.codes, this.hot, this.idHashes, this.n, skip, s.qCode, w, pageHash, s.first);
      // 2. int8 re-rank of the prefilter's candidates: the similarity served (|error| < 1e-3).
      int8Rerank(this.q8, this.scale, this.hot, this.idHashes, s.first.slotArray(), s.first.count, s.qUnit, w, pageHash, s.sims, s.second);
    } finally {
      for (const slot of marked) skip[slot] = 0;
    }
    // The similarity of each of the `limit` winners, found by its place among the candidates.
    const firstSlots = s.first.slotArray().subarray(0, s.first.count);
    const out = s.second.slots().map((i): Ranked => {
      const row = this.rows[i] as FeedRow;
      const similarity = s.sims[firstSlots.indexOf(i, 0)] as number;
      const explore = exploration(pageHash, this.idHashes[i] as number);
      return { row, similarity, exploration: explore, total: w.similarity * similarity + w.hot * row.score + w.exploration * explore };
    });
    out.sort((a, b) => b.total - a.total || (a.row.id < b.row.id ? -1 : 1));
    return out;
  }

  /** Cosine similarity of `query` to each id held (ids not eligible are left out). */
  similarities(query: Float32Array, ids: readonly string[]): Map<string, number> {
    this.sync();
    const qUnit = unit(query);
    const out = new Map<string, number>();
    for (const id of ids) {
      const i = this.slotOf.get(id);
      if (i !== undefined) out.set(id, dotInt8Unit(this.q8, i * STYLE_DIMS, this.scale[i] as number, qUnit));
    }
    return out;
  }

  /**
   * Cosines of each target against each ref, row-major (targets × refs), from the int8 copies
   * without making float copies (the feed's "similar to X" names ~300 pairs per page). Refs the
   * index no longer holds come as unit vectors in `outside`; a pair it cannot score is NaN.
   */
  crossCosines(targets: readonly string[], refs: readonly string[], outside: ReadonlyMap<string, Float64Array>): Float64Array {
    this.sync();
    const out = new Float64Array(targets.length * refs.length).fill(NaN);
    const refSlots = refs.map((id) => this.slotOf.get(id));
    for (let t = 0; t < targets.length; t++) {
      const ti = this.slotOf.get(targets[t] as string);
      if (ti === undefined) continue;
      for (let r = 0; r < refs.length; r++) {
        const ri = refSlots[r];
        if (ri !== undefined) out[t * refs.length + r] = dotInt8Pair(this.q8, ti * STYLE_DIMS, ri * STYLE_DIMS) * (this.scale[ti] as number) * (this.scale[ri] as number);
        else {
          const v = outside.get(refs[r] as string);
          if (v) out[t * refs.length + r] = dotInt8Unit(this.q8, ti * STYLE_DIMS, this.scale[ti] as number, v);
        }
      }
    }
    return out;
  }

  /** The ids the index does not hold (not eligible, or no style vector). */
  missing(ids: readonly string[]): string[] {
    this.sync();
    return ids.filter((id) => !this.slotOf.has(id));
  }

  /** Applies the changes appended since the last call (or builds the index the first time). */
  sync(): void {
    if (!this.built) return this.rebuild();
    const max = this.maxSeq();
    if (max === this.lastSeq) return;
    const pending = max - this.lastSeq;
    const changes = this.prep('SELECT seq, shader_id AS id, vector FROM feed_index_changes WHERE seq > ? AND seq <= ?').all(this.lastSeq, max) as Change[];
    // Fewer rows than sequence numbers: someone pruned rows this index never read.
    if (changes.length < pending) return this.rebuild();
    const touched = new Map<string, boolean>();
    for (const c of changes) touched.set(c.id, (touched.get(c.id) ?? false) || c.vector === 1);
    if (touched.size > BULK_APPLY) this.applyBulk(touched);
    else for (const [id, vectorChanged] of touched) this.apply(id, vectorChanged);
    this.lastSeq = max;
    this.prune();
  }

  private maxSeq(): number {
    const r = this.prep(`SELECT seq FROM sqlite_sequence WHERE name = 'feed_index_changes'`).get() as { seq: number } | undefined;
    return r?.seq ?? 0;
  }

  private prune(): void {
    if (this.lastSeq - this.prunedTo < PRUNE_EVERY) return;
    this.prep('DELETE FROM feed_index_changes WHERE seq <= ?').run(this.lastSeq);
    this.prunedTo = this.lastSeq;
  }

  /** Re-reads one shader: added, updated or removed as its row and codes now say. */
  private apply(id: string, vectorChanged: boolean): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined && !vectorChanged) {
      const row = this.prep(`SELECT ${COLS} FROM shaders s WHERE s.id = ? AND ${ELIGIBLE}`).get(id) as FeedRow | undefined;
      if (!row) return this.remove(id);
      this.rows[slot] = row;
      this.hot[slot] = row.score;
      return;
    }
    const hit = this.prep(`SELECT ${COLS}, c.code AS code, c.q8 AS q8, c.scale AS scale FROM shaders s JOIN shader_style_codes c ON c.shader_id = s.id WHERE s.id = ? AND ${ELIGIBLE}`).get(id) as CodedRow | undefined;
    if (!hit) return this.remove(id);
    this.put(hit);
  }

  /**
   * Many changes at once (the 15-minute hot-score refresh touches every voted shader): one scan of
   * the eligible rows updates scores and eligibility; only new or re-vectored shaders read codes.
   */
  private applyBulk(touched: ReadonlyMap<string, boolean>): void {
    const eligible = new Map<string, FeedRow>();
    for (const r of this.prep(`SELECT ${COLS} FROM shaders s WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'`).iterate() as Iterable<FeedRow>) {
      eligible.set(r.id, r);
    }
    for (const id of [...this.slotOf.keys()]) {
      const row = eligible.get(id);
      if (!row) {
        this.remove(id);
        continue;
      }
      if (touched.get(id)) continue; // re-read with its codes below
      const slot = this.slotOf.get(id) as number;
      this.rows[slot] = row;
      this.hot[slot] = row.score;
    }
    for (const [id, vectorChanged] of touched) if (eligible.has(id) && (vectorChanged || !this.slotOf.has(id))) this.apply(id, true);
  }

  /** Reads every eligible shader and its codes in one consistent snapshot. */
  private rebuild(): void {
    this.backfillCodes();
    this.sqlite.transaction(() => {
      const max = this.maxSeq();
      const count = (this.prep(`SELECT count(*) AS n FROM shaders s WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'`).get() as { n: number }).n;
      this.n = 0;
      this.rows = [];
      this.slotOf = new Map();
      this.grow(count);
      const all = this.prep(
        `SELECT ${COLS}, c.code AS code, c.q8 AS q8, c.scale AS scale FROM shaders s JOIN shader_style_codes c ON c.shader_id = s.id
         WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'`,
      );
      for (const r of all.iterate() as Iterable<CodedRow>) this.put(r);
      this.lastSeq = max;
      this.built = true;
    })();
    this.prep('DELETE FROM feed_index_changes WHERE seq <= ?').run(this.lastSeq);
    this.prunedTo = this.lastSeq;
  }

  /** Codes for eligible shaders whose vector was written before shader_style_codes existed (once, after upgrading). */
  private backfillCodes(): void {
    const missing = this.prep(
      `SELECT s.id AS id FROM shaders s WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'
       AND NOT EXISTS (SELECT 1 FROM shader_style_codes c WHERE c.shader_id = s.id)`,
    ).all() as { id: string }[];
    for (let i = 0; i < missing.length; i += 1000) {
      this.sqlite.transaction(() => {
        for (const { id } of missing.slice(i, i + 1000)) {
          const v = getVector(this.sqlite, 'vec_shader_style', id);
          if (v) putStyleCodes(this.sqlite, id, v);
        }
      })();
    }
  }

  private grow(min: number): void {
    if (min <= this.cap) return;
    const cap = Math.max(min, Math.ceil(this.cap * 1.5), 64);
    const codes = new Uint32Array(cap * CODE_WORDS);
    codes.set(this.codes.subarray(0, this.n * CODE_WORDS));
    const q8 = new Int8Array(cap * STYLE_DIMS);
    q8.set(this.q8.subarray(0, this.n * STYLE_DIMS));
    const scale = new Float64Array(cap);
    scale.set(this.scale.subarray(0, this.n));
    const hot = new Float64Array(cap);
    hot.set(this.hot.subarray(0, this.n));
    const hashes = new Uint32Array(cap);
    hashes.set(this.idHashes.subarray(0, this.n));
    this.codes = codes;
    this.q8 = q8;
    this.scale = scale;
    this.hot = hot;
    this.idHashes = hashes;
    this.cap = cap;
  }

  private put(r: CodedRow): void {
    if (r.code.byteLength !== CODE_WORDS * 4 || r.q8.byteLength !== STYLE_DIMS) return;
    const row: FeedRow = { id: r.id, title: r.title, score: r.score, publishedAt: r.publishedAt, createdAt: r.createdAt };
    let slot = this.slotOf.get(row.id);
    if (slot === undefined) {
      this.grow(this.n + 1);
      slot = this.n++;
      this.slotOf.set(row.id, slot);
    }
    this.rows[slot] = row;
    this.hot[slot] = row.score;
    this.idHashes[slot] = idHash(row.id);
    // Copies: blobs need not be aligned for a typed-array view.
    new Uint8Array(this.codes.buffer, slot * CODE_WORDS * 4, CODE_WORDS * 4).set(r.code);
    new Uint8Array(this.q8.buffer, slot * STYLE_DIMS, STYLE_DIMS).set(r.q8);
    this.scale[slot] = r.scale;
  }

  /** Removes by moving the last slot into the hole. */
  private remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const last = --this.n;
    this.slotOf.delete(id);
    if (slot !== last) {
      const moved = this.rows[last] as FeedRow;
      this.rows[slot] = moved;
      this.slotOf.set(moved.id, slot);
      this.codes.copyWithin(slot * CODE_WORDS, last * CODE_WORDS, (last + 1) * CODE_WORDS);
      this.q8.copyWithin(slot * STYLE_DIMS, last * STYLE_DIMS, (last + 1) * STYLE_DIMS);
      this.scale[slot] = this.scale[last] as number;
      this.hot[slot] = this.hot[last] as number;
      this.idHashes[slot] = this.idHashes[last] as number;
    }
    this.rows.length = this.n;
  }
}

const indexes = new WeakMap<Database.Database, FeedIndex>();

/** One index per open database, shared by the feed and "more like this". */
export function feedIndexFor(sqlite: Database.Database): FeedIndex {
  let idx = indexes.get(sqlite);
  if (!idx) indexes.set(sqlite, (idx = new FeedIndex(sqlite)));
  return idx;
}
