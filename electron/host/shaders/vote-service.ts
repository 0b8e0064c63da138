import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { VoteResult } from '../../../shared/schemas/shaders.js';
import { settings } from '../db/schema.js';
import { notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import { hotScore, hoursBetween, wilsonLowerBound } from './ranking.js';
import type { TasteService } from './taste.js';
import { prepared } from '../db/prepared.js';

const REFRESH_KEY = 'shaders.hotScoresRefreshedAt';
/** Cached hot scores decay with age; trending re-derives them at most this often (seed: 15 min cache). */
export const HOT_REFRESH_MS = 15 * 60_000;

/** Up/down votes (one per user and shader), the cached hot score, and the taste signal they carry. */
export class VoteService {

  constructor(
    private readonly deps: ShaderDeps,
    private readonly taste: TasteService,
  ) {
    deps.database.sqlite.function('auteur_hot_score', { deterministic: true }, (up, down, ageHours) => hotScore(Number(up), Number(down), Number(ageHours)));
  }

  private get db() {
    return this.deps.database.db;
  }

  /** Prepared once: votes arrive with every card of a busy feed, and drizzle prepares per call. */
  private prep(sql: string): Database.Statement {
    return prepared(this.deps.database.sqlite, sql);
  }

  private exists(shaderId: string): void {
    if (!this.prep('SELECT 1 FROM shaders WHERE id = ?').get(shaderId)) throw notFound(`Shader ${shaderId}`);
  }

  private mine(userId: string, shaderId: string): number | undefined {
    return (this.prep('SELECT value FROM votes WHERE user_id = ? AND shader_id = ?').get(userId, shaderId) as { value: number } | undefined)?.value;
  }

  /** Recounts votes and recomputes the cached Wilson and hot scores of one shader (seed: on each vote). */
  recompute(shaderId: string, now = Date.now()): { up: number; down: number; hot: number; wilson: number } {
    const c = (this.prep('SELECT coalesce(sum(value = 1), 0) AS up, coalesce(sum(value = -1), 0) AS down FROM votes WHERE shader_id = ?').get(shaderId) as { up: number; down: number } | undefined) ?? { up: 0, down: 0 };
    const row = this.prep('SELECT created_at AS createdAt, published_at AS publishedAt FROM shaders WHERE id = ?').get(shaderId) as { createdAt: number; publishedAt: number | null } | undefined;
    if (!row) throw notFound(`Shader ${shaderId}`);
    const hot = hotScore(c.up, c.down, hoursBetween(row.publishedAt ?? row.createdAt, now));
    const wilson = wilsonLowerBound(c.up, c.down);
    this.prep('UPDATE shaders SET upvotes = ?, downvotes = ?, score = ?, wilson_score = ? WHERE id = ?').run(c.up, c.down, hot, wilson, shaderId);
    return { up: c.up, down: c.down, hot, wilson };
  }

  private result(shaderId: string, userId: string, s: { up: number; down: number; hot: number; wilson: number }): VoteResult {
    const mine = this.mine(userId, shaderId) ?? 0;
    return { shaderId, votes: { ...s, mine: mine === 1 || mine === -1 ? mine : 0 } };
  }

  /** Casting the same vote again changes nothing; switching sides moves taste the new way. */
  vote(shaderId: string, value: 1 | -1, actor: Actor = ownerActor(this.deps)): VoteResult {
    this.exists(shaderId);
    const changed = this.deps.database.sqlite.transaction(() => {
      if (this.mine(actor.userId, shaderId) === value) return false;
      this.prep(
        'INSERT INTO votes (id, user_id, shader_id, value) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, shader_id) DO UPDATE SET value = excluded.value, created_at = ?',
      ).run(randomUUID(), actor.userId, shaderId, value, Date.now());
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
    this.prep('DELETE FROM votes WHERE user_id = ? AND shader_id = ?').run(actor.userId, shaderId);
    const s = this.recompute(shaderId);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.voted', id: shaderId, data: { up: s.up, down: s.down, hot: s.hot } });
    return this.result(shaderId, actor.userId, s);
  }

  /** Re-derives decayed hot scores of every shader with votes, at most every 15 minutes. */
  refreshIfStale(now = Date.now()): boolean {
    const raw = (this.prep('SELECT value FROM settings WHERE key = ?').get(REFRESH_KEY) as { value: string | null } | undefined)?.value;
    const last = raw == null ? undefined : (JSON.parse(raw) as unknown);
    if (typeof last === 'number' && now - last < HOT_REFRESH_MS) return false;
    this.refreshAll(now);
    return true;
  }

  refreshAll(now = Date.now()): number {
    // One UPDATE through a SQL function (the same hotScore) instead of a statement per shader:
    // far less time on the event loop every 15 minutes with a large voted library.
    return this.deps.database.sqlite.transaction(() => {
      const { changes } = this.prep(
        'UPDATE shaders SET score = auteur_hot_score(upvotes, downvotes, (? - coalesce(published_at, created_at)) / 3600000.0) WHERE upvotes > 0 OR downvotes > 0',
      ).run(now);
      this.db
        .insert(settings)
        .values({ key: REFRESH_KEY, value: now })
        .onConflictDoUpdate({ target: settings.key, set: { value: now, updatedAt: now } })
        .run();
      return changes;
    })();
  }
}
