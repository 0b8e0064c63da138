import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DeclaredStyle, FeedWhy, Shader, ShaderCard, ShaderSummary, StyleMetadata } from '../../../shared/schemas/shaders.js';
import { CompileDiagnostic, ShaderSource, singlePass } from '../../../shared/shaders/source.js';
import { comments, mediaObjects, shaders, users, votes } from '../db/schema.js';
import { API_BASE, type ShaderDeps } from './deps.js';

/** Maps shader rows to API entities, with the lookups (authors, my vote, parents) batched per page. */

export type ShaderRow = typeof shaders.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms == null ? null : iso(ms));

/** The provenance fields only: the stored row also keeps the Shadertoy import's origin, for export. */
function importedFromOf(v: unknown): Shader['provenance']['importedFrom'] {
  if (!v || typeof v !== 'object') return null;
  const { shadertoyId = null, author = null, community } = v as { shadertoyId?: string | null; author?: string | null; community?: { relayUrl: string; itemId: string; author: string } };
  return community ? { shadertoyId, author, community } : { shadertoyId, author };
}

export function sourceOf(row: Pick<ShaderRow, 'source' | 'glslCode'>): ShaderSource {
  if (row.source) {
    const parsed = ShaderSource.safeParse(row.source);
    if (parsed.success) return parsed.data;
  }
  return singlePass(row.glslCode);
}

/** Canonical JSON of a source, to tell whether an edit changed the code. */
export const sourceKey = (s: ShaderSource): string => JSON.stringify(ShaderSource.parse(s));

const mediaUrl = (id: string, file: string, mediaId: string | null) => (mediaId ? `${API_BASE}/shaders/${encodeURIComponent(id)}/${file}?v=${mediaId.slice(0, 8)}` : null);

/** `column IN (the JSON array bound to :ids)`: one prepared statement serves any number of ids. */
export const inIds = (column: SQLiteColumn): SQL => sql`${column} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`;

export class ShaderReader {
  constructor(private readonly deps: ShaderDeps) {}

  private get db() {
    return this.deps.database.db;
  }

  // Prepared once: drizzle otherwise rebuilds and re-prepares each query on every call, which was
  // a third of a feed page's time (bench/feed.ts).
  private lookups?: ReturnType<ShaderReader['prepareLookups']>;
  private prepareLookups() {
    const db = this.db;
    return {
      rows: db.select().from(shaders).where(inIds(shaders.id)).prepare(),
      authors: db.select({ id: users.id, username: users.username }).from(users).where(inIds(users.id)).prepare(),
      parents: db.select({ id: shaders.id, title: shaders.title }).from(shaders).where(inIds(shaders.id)).prepare(),
      mine: db
        .select({ shaderId: votes.shaderId, value: votes.value })
        .from(votes)
        .where(and(eq(votes.userId, sql.placeholder('user')), inIds(votes.shaderId)))
        .prepare(),
      renderers: db.select({ id: mediaObjects.id, provider: mediaObjects.provider }).from(mediaObjects).where(inIds(mediaObjects.id)).prepare(),
    };
  }
  private get q() {
    return (this.lookups ??= this.prepareLookups());
  }

  /** Full rows of these ids (any order; missing ids are left out). */
  rowsByIds(ids: readonly string[]): ShaderRow[] {
    return ids.length ? this.q.rows.all({ ids: JSON.stringify(ids) }) : [];
  }

  summaries(rows: readonly ShaderRow[]): ShaderSummary[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => !!x))];
    const parentIds = [...new Set(rows.map((r) => r.forkedFrom).filter((x): x is string => !!x))];
    const thumbIds = [...new Set(rows.map((r) => r.thumbnailMediaId).filter((x): x is string => !!x))];
    const q = this.q;
    const authors = new Map(authorIds.length ? q.authors.all({ ids: JSON.stringify(authorIds) }).map((u) => [u.id, u]) : []);
    const parents = new Map(parentIds.length ? q.parents.all({ ids: JSON.stringify(parentIds) }).map((p) => [p.id, p.title]) : []);
    const mine = new Map(q.mine.all({ user: this.deps.ownerUserId, ids: JSON.stringify(ids) }).map((v) => [v.shaderId, v.value]));
    const renderers = new Map(thumbIds.length ? q.renderers.all({ ids: JSON.stringify(thumbIds) }).map((m) => [m.id, m.provider]) : []);
    return rows.map((r) => {
      const my = mine.get(r.id);
      return {
        id: r.id,
        title: r.title,
        description: r.description,
        tags: r.tags ?? [],
        shaderType: r.shaderType,
        status: r.status,
        isPublic: r.isPublic,
        renderStatus: r.renderStatus,
        thumbnailUrl: mediaUrl(r.id, 'thumbnail.png', r.thumbnailMediaId),
        previewUrl: mediaUrl(r.id, 'preview.webm', r.previewMediaId),
        previewMp4Url: mediaUrl(r.id, 'preview.mp4', r.previewMp4MediaId),
        style: (r.styleMetadata as StyleMetadata | null) ?? null,
        votes: { up: r.upvotes, down: r.downvotes, hot: r.score, wilson: r.wilsonScore, mine: my === 1 || my === -1 ? my : 0 },
        viewCount: r.viewCount,
        author: r.authorId ? (authors.get(r.authorId) ?? null) : null,
        forkedFrom: r.forkedFrom ? { id: r.forkedFrom, title: parents.get(r.forkedFrom) ?? null } : null,
        provenance: {
          isAiGenerated: r.isAiGenerated,
          provider: r.aiProvider,
          model: r.aiModel,
          renderer: r.thumbnailMediaId ? (renderers.get(r.thumbnailMediaId) ?? null) : null,
          via: r.origin,
          importedFrom: importedFromOf(r.importedFrom),
        },
        createdAt: iso(r.createdAt),
        publishedAt: isoOrNull(r.publishedAt),
      } satisfies ShaderSummary;
    });
  }

  full(row: ShaderRow): Shader {
    const [summary] = this.summaries([row]);
    const forkCount = this.db.select({ n: sql<number>`count(*)` }).from(shaders).where(eq(shaders.forkedFrom, row.id)).get()?.n ?? 0;
    const commentCount = this.db.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.shaderId, row.id)).get()?.n ?? 0;
    const diags = CompileDiagnostic.array().safeParse(row.renderDiagnostics ?? []);
    return {
      ...summary!,
      source: sourceOf(row),
      declaredStyle: (row.declaredStyle as DeclaredStyle | null) ?? null,
      renderError: row.renderError,
      diagnostics: diags.success ? diags.data : [],
      lastRenderJobId: row.lastRenderJobId,
      renderedAt: isoOrNull(row.renderedAt),
      forkCount,
      commentCount,
      fulfillsDesireId: row.fulfillsDesireId,
      reviewNote: row.reviewNote,
      accessTier: row.accessTier,
      updatedAt: iso(row.updatedAt),
    };
  }

  cards(rows: readonly ShaderRow[], why: ReadonlyMap<string, FeedWhy>): ShaderCard[] {
    const sums = this.summaries(rows);
    return sums.map((s, i) => ({ ...s, source: sourceOf(rows[i]!), why: why.get(s.id)! }));
  }
}
