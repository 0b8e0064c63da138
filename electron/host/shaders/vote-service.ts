import { randomUUID } from 'node:crypto';
import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { VoteResult } from '../../../shared/schemas/shaders.js';
import { settings, shaders, votes } from '../db/schema.js';
import { notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import { hotScore, hoursBetween, wilsonLowerBound } from './ranking.js';
import type { TasteService } from './taste.js';

const REFRESH_KEY = 'shaders.hotScoresRefreshedAt';
/** Cached hot scores decay with age; trending re-derives them at most this often (seed: 15 min cache). */
export const HOT_REFRESH_MS = 15 * 60_000;

/** Up/down votes (one per user and shader), the cached hot score, and the taste signal they carry. */
export class VoteService {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly taste: TasteService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  private exists(shaderId: string): void {
    if (!this.db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, shaderId)).get()) throw notFound(`Shader ${shaderId}`);
  }

  /** Recounts votes and recomputes the cached Wilson and hot scores of one shader (seed: on each vote). */
  recompute(shaderId: string, now = Date.now()): { up: number; down: number; hot: number; wilson: number } {
    const c = this.db
      .select({ up: sql<number>`coalesce(sum(${votes.value} = 1), 0)`, down: sql<number>`coalesce(sum(${votes.value} = -1), 0)` })
      .from(votes)
      .where(eq(votes.shaderId, shaderId))
      .get() ?? { up: 0, down: 0 };
    const row = this.db.select({ createdAt: shaders.createdAt, publishedAt: shaders.publishedAt }).from(shaders).where(eq(shaders.id, shaderId)).get();
    if (!row) throw notFound(`Shader ${shaderId}`);
    const hot = hotScore(c.up, c.down, hoursBetween(row.publishedAt ?? row.createdAt, now));
    const wilson = wilsonLowerBound(c.up, c.down);
    this.db.update(shaders).set({ upvotes: c.up, downvotes: c.down, score: hot, wilsonScore: wilson }).where(eq(shaders.id, shaderId)).run();
    return { up: c.up, down: c.down, hot, wilson };
  }

  private result(shaderId: string, userId: string, s: { up: number; down: number; hot: number; wilson: number }): VoteResult {
    const mine = this.db.select({ value: votes.value }).from(votes).where(and(eq(votes.userId, userId), eq(votes.shaderId, shaderId))).get()?.value ?? 0;
    return { shaderId, votes: { ...s, mine: mine === 1 || mine === -1 ? mine : 0 } };
  }

  /** Casting the same vote again changes nothing; switching sides moves taste the new way. */
  vote(shaderId: string, value: 1 | -1, actor: Actor = ownerActor(this.deps)): VoteResult {
    this.exists(shaderId);
    const changed = this.deps.database.sqlite.transaction(() => {
      const prev = this.db.select({ value: votes.value }).from(votes).where(and(eq(votes.userId, actor.userId), eq(votes.shaderId, shaderId))).get();
      if (prev?.value === value) return false;
      this.db
        .insert(votes)
        .values({ id: randomUUID(), userId: actor.userId, shaderId, value })
        .onConflictDoUpdate({ target: [votes.userId, votes.shaderId], set: { value, createdAt: Date.now() } })
        .run();
      return true;
    })();
    const s = this.recompute(shaderId);
    if (changed) this.taste.applyShaderSignal(actor.userId, shaderId, value === 1 ? 'upvote' : 'downvote');
    this.deps.bus.publish({ type: 'domain', topic: 'shader.voted', id: shaderId, data: { up: s.up, down: s.down, hot: s.hot } });
    return this.result(shaderId, actor.userId, s);
  }

  /** Removes the vote; taste keeps what it learned (an EMA cannot be undone exactly). */
  unvote(shaderId: string, actor: Actor = ownerActor(this.deps)): VoteResult {
    this.exists(shaderId);
    this.db.delete(votes).where(and(eq(votes.userId, actor.userId), eq(votes.shaderId, shaderId))).run();
    const s = this.recompute(shaderId);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.voted', id: shaderId, data: { up: s.up, down: s.down, hot: s.hot } });
    return this.result(shaderId, actor.userId, s);
  }

  /** Re-derives decayed hot scores of every shader with votes, at most every 15 minutes. */
  refreshIfStale(now = Date.now()): boolean {
    const last = this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, REFRESH_KEY)).get()?.value as number | undefined;
    if (typeof last === 'number' && now - last < HOT_REFRESH_MS) return false;
    this.refreshAll(now);
    return true;
  }

  refreshAll(now = Date.now()): number {
    return this.deps.database.sqlite.transaction(() => {
      const rows = this.db
        .select({ id: shaders.id, up: shaders.upvotes, down: shaders.downvotes, createdAt: shaders.createdAt, publishedAt: shaders.publishedAt })
        .from(shaders)
        .where(or(gt(shaders.upvotes, 0), gt(shaders.downvotes, 0)))
        .all();
      const stmt = this.deps.database.sqlite.prepare('UPDATE shaders SET score = ? WHERE id = ?');
      for (const r of rows) stmt.run(hotScore(r.up, r.down, hoursBetween(r.publishedAt ?? r.createdAt, now)), r.id);
      this.db
        .insert(settings)
        .values({ key: REFRESH_KEY, value: now })
        .onConflictDoUpdate({ target: settings.key, set: { value: now, updatedAt: now } })
        .run();
      return rows.length;
    })();
  }
}
