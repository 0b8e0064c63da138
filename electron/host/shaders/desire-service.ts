import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DesireFulfilment, type CreateDesireBody, type Desire, type DesireCluster, type DesireDetail, type DesireList, type DesireListQuery, type ReviewCandidateBody } from '../../../shared/schemas/desires.js';
import type { DeclaredStyle } from '../../../shared/schemas/shaders.js';
import { desireClusters, desires, settings, shaders, users } from '../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import { DesireFulfiller } from './process-desire.js';
import { DESIRE_SIMILARITY, desireHeat, HEAT_WINDOW_MS, hoursBetween } from './ranking.js';
import { embedText, TEXT_EMBEDDING_PROVIDER } from './style-vector.js';
import type { TasteService } from './taste.js';
import { getVector, knn, putVector } from './vectors.js';

type DesireRow = typeof desires.$inferSelect;

/** autoFulfil is optional here: the API and MCP always pass it (true by default) and so run process_desire. */
export type CreateDesireInput = Omit<CreateDesireBody, 'autoFulfil'> & { autoFulfil?: boolean };

const DAY_MS = 24 * 3600_000;
const HEAT_REFRESH_KEY = 'desires.heatRefreshedAt';
/** Heat decays with age; stored heat is re-derived at most this often when the queue is listed. */
const HEAT_REFRESH_MS = 10 * 60_000;
const NEIGHBOURS_K = 256;
const ACTIVE = ['open', 'in_progress'] as const;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The desire queue (seed §9): each desire's prompt is embedded (512-d hashed n-grams) into
 * vec_desire_embedding; desires closer than cosine 0.82 join one cluster; heat =
 * log(similar open desires of the last 7 days + 1) × 1/(1 + age_hours/24). Lifecycle
 * open → in_progress (a submission is rendering, or a generation runs or waits for its verdict)
 * → fulfilled, or expired after its TTL. process_desire (process-desire.ts) runs after a post.
 */
export class DesireService {
  readonly fulfiller: DesireFulfiller;

  constructor(
    private readonly deps: ShaderDeps,
    private readonly taste: TasteService,
    /** Publishes a draft (ShaderService.publish): accepting a generated candidate publishes it. */
    publish: (shaderId: string, actor: Actor) => unknown,
  ) {
    this.fulfiller = new DesireFulfiller(deps, { publish, fulfill: (id, shaderId, actor) => this.fulfill(id, shaderId, actor) });
  }

  private get db() {
    return this.deps.database.db;
  }
  private get sqlite() {
    return this.deps.database.sqlite;
  }

  private row(id: string): DesireRow {
    const r = this.db.select().from(desires).where(eq(desires.id, id)).get();
    if (!r) throw notFound(`Desire ${id}`);
    return r;
  }

  /** Desires within the similarity threshold of `vector` (the desire itself included), with similarity. */
  private similar(vector: Float32Array): { id: string; similarity: number }[] {
    return knn(this.sqlite, 'vec_desire_embedding', vector, NEIGHBOURS_K)
      .map((n) => ({ id: n.id, similarity: 1 - n.distance }))
      .filter((n) => n.similarity > DESIRE_SIMILARITY);
  }

  /** Seed §9 heat of each desire, stored. */
  private refreshHeat(ids: readonly string[], now = Date.now()): void {
    const update = this.sqlite.prepare('UPDATE desires SET heat_score = ? WHERE id = ?');
    for (const id of new Set(ids)) {
      const d = this.db.select({ createdAt: desires.createdAt }).from(desires).where(eq(desires.id, id)).get();
      const v = getVector(this.sqlite, 'vec_desire_embedding', id);
      if (!d || !v) continue;
      const near = this.similar(v).map((n) => n.id);
      const count = near.length
        ? (this.db
            .select({ n: sql<number>`count(*)` })
            .from(desires)
            .where(and(inArray(desires.id, near), eq(desires.status, 'open'), sql`${desires.createdAt} > ${now - HEAT_WINDOW_MS}`))
            .get()?.n ?? 0)
        : 0;
      update.run(desireHeat(count, hoursBetween(d.createdAt, now)), id);
    }
  }

  private neighboursOf(id: string): string[] {
    const v = getVector(this.sqlite, 'vec_desire_embedding', id);
    return v ? this.similar(v).map((n) => n.id) : [];
  }

  /** Open desires past their expiry become expired; re-derives heat when it is stale. */
  sweep(now = Date.now()): void {
    const expired = this.sqlite
      .prepare(`UPDATE desires SET status = 'expired', updated_at = ? WHERE status = 'open' AND expires_at IS NOT NULL AND expires_at < ? RETURNING id`)
      .all(now, now) as { id: string }[];
    const last = this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, HEAT_REFRESH_KEY)).get()?.value as number | undefined;
    if (expired.length === 0 && typeof last === 'number' && now - last < HEAT_REFRESH_MS) return;
    const active = this.db.select({ id: desires.id }).from(desires).where(inArray(desires.status, [...ACTIVE])).all();
    this.sqlite.transaction(() => {
      this.refreshHeat(active.map((a) => a.id), now);
      this.db.insert(settings).values({ key: HEAT_REFRESH_KEY, value: now }).onConflictDoUpdate({ target: settings.key, set: { value: now, updatedAt: now } }).run();
    })();
  }

  create(body: CreateDesireInput, actor: Actor = ownerActor(this.deps), now = Date.now()): DesireDetail {
    const vector = embedText(body.promptText);
    if (vector.every((x) => x === 0)) throw badRequest(`"${body.promptText}" has no words to understand; describe what you want to see`);
    const id = randomUUID();
    this.sqlite.transaction(() => {
      const near = this.similar(vector);
      const active = near.length
        ? this.db.select({ id: desires.id, clusterId: desires.clusterId }).from(desires).where(and(inArray(desires.id, near.map((n) => n.id)), inArray(desires.status, [...ACTIVE]))).all()
        : [];
      const clusterOf = new Map(active.map((a) => [a.id, a.clusterId]));
      const best = near.find((n) => clusterOf.get(n.id));
      const clusterId = best ? (clusterOf.get(best.id) as string) : randomUUID();
      this.db
        .insert(desires)
        .values({
          id,
          authorId: actor.userId,
          promptText: body.promptText,
          styleHints: body.styleHints ?? null,
          status: 'open',
          expiresAt: now + body.ttlDays * DAY_MS,
          clusterId,
          embeddingProvider: TEXT_EMBEDDING_PROVIDER,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      putVector(this.sqlite, 'vec_desire_embedding', id, vector);
      this.db.insert(desireClusters).values({ clusterId, desireId: id, similarity: best ? best.similarity : 1 }).run();
      this.refreshHeat([id, ...active.map((a) => a.id)], now);
    })();
    this.taste.applyDesire(actor.userId, body.promptText);
    this.deps.bus.publish({ type: 'domain', topic: 'desire.created', id, data: this.get(id, now) });
    // undefined: an internal caller that does not run process_desire (the API and MCP always say).
    if (body.autoFulfil !== undefined) {
      try {
        this.fulfiller.process(id, body.autoFulfil, actor.userId);
      } catch (err) {
        // The desire is stored either way; it stays on the board and says why it was not generated.
        this.deps.logger.error(`process_desire ${id} failed: ${(err as Error).message}`);
        this.fulfiller.listAfterError(id, (err as Error).message);
      }
    }
    return this.get(id, now);
  }

  list(q: DesireListQuery, now = Date.now()): DesireList {
    this.sweep(now);
    const m = q.cursor ? /^o\.(\d{1,7})$/.exec(q.cursor) : null;
    if (q.cursor && !m) throw badRequest(`Invalid cursor "${q.cursor}": use the nextCursor of the previous page`);
    const offset = m ? Number(m[1]) : 0;
    const conds = [];
    if (q.status === 'active') conds.push(inArray(desires.status, [...ACTIVE]));
    else if (q.status !== 'all') conds.push(eq(desires.status, q.status));
    if (q.minHeat !== undefined) conds.push(sql`${desires.heatScore} >= ${q.minHeat}`);
    const rows = this.db
      .select()
      .from(desires)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(...(q.sort === 'heat' ? [desc(desires.heatScore), desc(desires.createdAt)] : [desc(desires.createdAt)]), desires.id)
      .limit(q.limit)
      .offset(offset)
      .all();
    return { items: this.toDesires(rows), nextCursor: rows.length === q.limit ? `o.${offset + q.limit}` : null };
  }

  get(id: string, now = Date.now()): DesireDetail {
    this.sweep(now);
    const row = this.row(id);
    const pending = this.db
      .select({ id: shaders.id })
      .from(shaders)
      .where(and(eq(shaders.fulfillsDesireId, id), inArray(shaders.renderStatus, ['pending', 'rendering'])))
      .all();
    return { ...this.toDesires([row])[0]!, cluster: row.clusterId ? this.cluster(row.clusterId, now) : null, pendingShaderIds: pending.map((p) => p.id) };
  }

  /** Seed §9 formula over the cluster: log(open members of the last 7 days + 1) × recency of the newest. */
  cluster(clusterId: string, now = Date.now()): DesireCluster {
    const members = this.db
      .select({ desire: desires, similarity: desireClusters.similarity })
      .from(desireClusters)
      .innerJoin(desires, eq(desires.id, desireClusters.desireId))
      .where(eq(desireClusters.clusterId, clusterId))
      .orderBy(desc(desires.createdAt))
      .all();
    const recentOpen = members.filter((m) => m.desire.status === 'open' && m.desire.createdAt > now - HEAT_WINDOW_MS);
    const newest = recentOpen[0]?.desire.createdAt;
    const mapped = this.toDesires(members.slice(0, 50).map((m) => m.desire));
    return {
      id: clusterId,
      heat: newest === undefined ? 0 : desireHeat(recentOpen.length, hoursBetween(newest, now)),
      size: members.length,
      openCount: members.filter((m) => m.desire.status === 'open').length,
      members: mapped.map((desire, i) => ({ desire, similarity: members[i]!.similarity })),
    };
  }

  /** The poster accepts or rejects the generated candidate (see DesireFulfiller.review). */
  reviewCandidate(id: string, body: ReviewCandidateBody, actor: Actor = ownerActor(this.deps)): DesireDetail {
    this.sweep();
    this.fulfiller.review(id, body, actor);
    return this.get(id);
  }

  /** Marks a desire answered by a shader whose render passed (seed §9: fulfilled after render). */
  fulfill(id: string, shaderId: string, _actor: Actor = ownerActor(this.deps), now = Date.now()): DesireDetail {
    this.sweep(now);
    const d = this.row(id);
    if (d.status === 'fulfilled') throw conflict(`Desire ${id} is already fulfilled${d.fulfilledByShader ? ` by shader ${d.fulfilledByShader}` : ''}`);
    if (d.status === 'expired') throw conflict(`Desire ${id} expired on ${d.expiresAt ? iso(d.expiresAt) : 'its expiry date'}`);
    const s = this.db.select({ id: shaders.id, title: shaders.title, renderStatus: shaders.renderStatus, renderError: shaders.renderError }).from(shaders).where(eq(shaders.id, shaderId)).get();
    if (!s) throw notFound(`Shader ${shaderId}`);
    if (s.renderStatus !== 'ready') {
      const why = s.renderStatus === 'failed' ? `its render failed: ${s.renderError ?? 'unknown reason'}` : `its render is still ${s.renderStatus}`;
      throw new AppError(422, 'not_rendered', `Shader "${s.title}" cannot fulfil a desire yet: ${why}`);
    }
    this.markFulfilled(id, shaderId, now);
    return this.get(id, now);
  }

  private markFulfilled(id: string, shaderId: string, now: number): void {
    this.sqlite.transaction(() => {
      this.db.update(desires).set({ status: 'fulfilled', fulfilledByShader: shaderId, fulfilledAt: now, updatedAt: now }).where(eq(desires.id, id)).run();
      this.db.update(shaders).set({ fulfillsDesireId: id }).where(and(eq(shaders.id, shaderId), sql`${shaders.fulfillsDesireId} IS NULL`)).run();
      this.refreshHeat(this.neighboursOf(id), now);
    })();
    this.deps.bus.publish({ type: 'domain', topic: 'desire.updated', id, data: { id, status: 'fulfilled', shaderId } });
  }

  /** 404 / 409 unless the desire can still be worked on. */
  assertWorkable(id: string): void {
    this.sweep();
    const d = this.row(id);
    if (d.status !== 'open' && d.status !== 'in_progress') throw conflict(`Desire ${id} is ${d.status}; only open desires can be worked on`);
  }

  /** Someone is working on it (a generation job or a submission rendering). */
  markInProgress(id: string): void {
    this.assertWorkable(id);
    this.db.update(desires).set({ status: 'in_progress', updatedAt: Date.now() }).where(and(eq(desires.id, id), eq(desires.status, 'open'))).run();
  }

  /** A submitted shader's render finished: pass → fulfilled; fail → open again unless another is rendering. */
  onShaderRendered(desireId: string, shaderId: string, ok: boolean, now = Date.now()): void {
    const d = this.db.select().from(desires).where(eq(desires.id, desireId)).get();
    if (!d || (d.status !== 'open' && d.status !== 'in_progress')) return;
    if (ok) return this.markFulfilled(desireId, shaderId, now);
    const others = this.db
      .select({ id: shaders.id })
      .from(shaders)
      .where(and(eq(shaders.fulfillsDesireId, desireId), inArray(shaders.renderStatus, ['pending', 'rendering']), sql`${shaders.id} <> ${shaderId}`))
      .get();
    if (!others && d.status === 'in_progress') {
      this.db.update(desires).set({ status: 'open', updatedAt: now }).where(eq(desires.id, desireId)).run();
      this.deps.bus.publish({ type: 'domain', topic: 'desire.updated', id: desireId, data: { id: desireId, status: 'open' } });
    }
  }

  private toDesires(rows: readonly DesireRow[]): Desire[] {
    if (!rows.length) return [];
    const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => !!x))];
    const shaderIds = [...new Set(rows.map((r) => r.fulfilledByShader).filter((x): x is string => !!x))];
    const clusterIds = [...new Set(rows.map((r) => r.clusterId).filter((x): x is string => !!x))];
    const authors = new Map(authorIds.length ? this.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, authorIds)).all().map((u) => [u.id, u]) : []);
    const titles = new Map(shaderIds.length ? this.db.select({ id: shaders.id, title: shaders.title }).from(shaders).where(inArray(shaders.id, shaderIds)).all().map((s) => [s.id, s.title]) : []);
    const sizes = new Map(
      clusterIds.length
        ? this.db.select({ id: desireClusters.clusterId, n: sql<number>`count(*)` }).from(desireClusters).where(inArray(desireClusters.clusterId, clusterIds)).groupBy(desireClusters.clusterId).all().map((c) => [c.id, c.n])
        : [],
    );
    return rows.map((r) => ({
      id: r.id,
      promptText: r.promptText,
      styleHints: (r.styleHints as DeclaredStyle | null) ?? null,
      tipAmountCents: r.tipAmountCents,
      status: r.status,
      heatScore: r.heatScore,
      clusterId: r.clusterId,
      clusterSize: r.clusterId ? (sizes.get(r.clusterId) ?? 1) : 1,
      fulfilledBy: r.fulfilledByShader ? { id: r.fulfilledByShader, title: titles.get(r.fulfilledByShader) ?? '' } : null,
      fulfilledAt: r.fulfilledAt == null ? null : iso(r.fulfilledAt),
      expiresAt: r.expiresAt == null ? null : iso(r.expiresAt),
      author: r.authorId ? (authors.get(r.authorId) ?? null) : null,
      fulfilment: r.fulfilment ? (DesireFulfilment.safeParse(r.fulfilment).data ?? null) : null,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt ?? r.createdAt),
    }));
  }
}
