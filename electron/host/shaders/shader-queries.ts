import { inArray } from 'drizzle-orm';
import type { ShaderList, ShaderListQuery } from '../../../shared/schemas/shaders.js';
import { shaders } from '../db/schema.js';
import { badRequest } from '../errors.js';
import type { ShaderDeps } from './deps.js';
import type { ShaderReader, ShaderRow } from './shader-rows.js';
import type { VoteService } from './vote-service.js';

/**
 * Explore and search (seed §12 browse_shaders): FTS5 text search (porter-stemmed title,
 * description, tags; bm25 with title and tags weighted up), tag, type and lineage filters, and
 * trending / new / top / random / relevance orders with an offset cursor.
 */

/** "neon tunel" → `"neon"* "tunel"*`: every word must match, as a prefix; quotes keep FTS syntax out. */
export function ftsQuery(text: string): string {
  const words = [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).slice(0, 12);
  if (!words.length) throw badRequest(`Search text "${text}" has no letters or digits to search for`);
  return words.map((w) => `"${w}"*`).join(' ');
}

interface Cursor {
  o: number;
  seed: number;
}

function parseCursor(cursor: string | undefined): Cursor {
  if (!cursor) return { o: 0, seed: Math.floor(Math.random() * 2 ** 31) };
  const m = /^o\.(\d{1,7})\.(\d{1,10})$/.exec(cursor);
  if (!m) throw badRequest(`Invalid cursor "${cursor}": use the nextCursor of the previous page`);
  return { o: Number(m[1]), seed: Number(m[2]) };
}

const ORDER = {
  trending: 's.score DESC, coalesce(s.published_at, s.created_at) DESC, s.id',
  new: 'coalesce(s.published_at, s.created_at) DESC, s.id DESC',
  top: 's.wilson_score DESC, s.upvotes DESC, s.id',
  // A seeded permutation (multiplicative hash of the rowid): stable across pages of one listing.
  random: '((s.rowid * 2654435761 + :seed) % 4294967296), s.id',
  relevance: 'bm25(shaders_fts, 10.0, 2.0, 6.0), s.score DESC',
} as const;

export class ShaderQueries {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly reader: ShaderReader,
    private readonly votes: VoteService,
  ) {}

  list(q: ShaderListQuery): ShaderList {
    const cur = parseCursor(q.cursor);
    const where: string[] = [];
    const params: Record<string, unknown> = { seed: cur.seed, limit: q.limit, offset: cur.o };
    let from = 'shaders s';
    if (q.q) {
      from += ' JOIN shader_search_ids m ON m.shader_id = s.id JOIN shaders_fts ON shaders_fts.rowid = m.search_rowid';
      where.push('shaders_fts MATCH :fts');
      params.fts = ftsQuery(q.q);
    }
    if (q.mine) {
      where.push('s.author_id = :me');
      params.me = this.deps.ownerUserId;
    } else if (!q.status) {
      where.push(`s.status = 'published' AND s.is_public = 1`);
    }
    if (q.status) {
      where.push('s.status = :status');
      params.status = q.status;
    }
    if (q.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(s.tags) WHERE json_each.value = :tag)');
      params.tag = q.tag;
    }
    if (q.shaderType) {
      where.push('s.shader_type = :type');
      params.type = q.shaderType;
    }
    if (q.forkedFrom) {
      where.push('s.forked_from = :parent');
      params.parent = q.forkedFrom;
    }
    const sort = q.sort ?? (q.q ? 'relevance' : 'trending');
    if (sort === 'relevance' && !q.q) throw badRequest('sort=relevance needs a search text (q)');
    if (sort === 'trending') this.votes.refreshIfStale();
    const sql = `SELECT s.id AS id FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${ORDER[sort]} LIMIT :limit OFFSET :offset`;
    const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`:${k}`)));
    const ids = (this.deps.database.sqlite.prepare(sql).all(used) as { id: string }[]).map((r) => r.id);
    const rows = ids.length ? this.deps.database.db.select().from(shaders).where(inArray(shaders.id, ids)).all() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)).filter((r): r is ShaderRow => !!r);
    return { items: this.reader.summaries(ordered), nextCursor: ids.length === q.limit ? `o.${cur.o + q.limit}.${cur.seed}` : null };
  }

  /** Tags of published shaders by how many use them (the explore page's tag cloud). */
  tags(limit: number): { tag: string; count: number }[] {
    return this.deps.database.sqlite
      .prepare(
        `SELECT j.value AS tag, count(*) AS count FROM shaders s, json_each(s.tags) j
         WHERE s.status = 'published' AND s.is_public = 1 GROUP BY j.value ORDER BY count DESC, tag LIMIT ?`,
      )
      .all(limit) as { tag: string; count: number }[];
  }
}
