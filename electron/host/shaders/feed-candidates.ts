import type Database from 'better-sqlite3';
import { fnv1a } from './text-hash.js';
import { prepared } from '../db/prepared.js';
import { FeedActivity, type ActivityLoaders, type Liked } from './feed-activity.js';

/**
 * Candidate retrieval for the feed, in plain SQL on the hot path: only published, public,
 * render-ready shaders are eligible (seed §8), and only light columns are read here — full
 * rows are loaded for the one page that is served.
 */

export interface FeedRow {
  id: string;
  title: string;
  score: number;
  publishedAt: number | null;
  createdAt: number;
}

/** Seed §8 excludes what the user engaged with in the last 30 days. */
export const SEEN_WINDOW_MS = 30 * 24 * 3600_000;

/** Matches the partial indexes idx_shaders_feed_hot / _new, which serve trending and new. */
const ELIGIBLE = `s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'`;
/** The same test as a filter only (unary +), for queries that must be driven by the primary key. */
const ELIGIBLE_BY_ID = `+s.status = 'published' AND +s.is_public = 1 AND +s.render_status = 'ready'`;
const COLS = `s.id AS id, s.title AS title, s.score AS score, s.published_at AS publishedAt, s.created_at AS createdAt`;

export class FeedCandidates {
  /** seen() and liked() answered from per-user caches kept exact (feed-activity.ts). */
  private readonly activity: FeedActivity;
  private readonly loaders: ActivityLoaders;

  constructor(private readonly sqlite: Database.Database) {
    this.activity = FeedActivity.for(sqlite);
    this.loaders = { seen: (u, since) => this.readSeen(u, since), liked: (u, limit) => this.readLiked(u, limit) };
  }

  private prep(sql: string): Database.Statement {
    return prepared(this.sqlite, sql);
  }

  /** The eligible subset of ids. */
  eligibleByIds(ids: readonly string[]): Map<string, FeedRow> {
    const out = new Map<string, FeedRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.sqlite.prepare(`SELECT ${COLS} FROM shaders s WHERE s.id IN (${chunk.map(() => '?').join(',')}) AND ${ELIGIBLE_BY_ID}`).all(...chunk) as FeedRow[];
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  /** Highest cached hot score first (seed §8 trending), newest first among equals. */
  trending(limit: number, offset = 0): FeedRow[] {
    return this.prep(`SELECT ${COLS} FROM shaders s INDEXED BY idx_shaders_feed_hot WHERE ${ELIGIBLE} ORDER BY s.score DESC, s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as FeedRow[];
  }

  /** Newest published first; keyset after (publishedAt, id) when given. */
  newest(limit: number, after?: { t: number; id: string }): FeedRow[] {
    if (!after) return this.prep(`SELECT ${COLS} FROM shaders s INDEXED BY idx_shaders_feed_new WHERE ${ELIGIBLE} ORDER BY s.published_at DESC, s.id DESC LIMIT ?`).all(limit) as FeedRow[];
    return this.prep(
      `SELECT ${COLS} FROM shaders s INDEXED BY idx_shaders_feed_new WHERE ${ELIGIBLE} AND (s.published_at < ? OR (s.published_at = ? AND s.id < ?)) ORDER BY s.published_at DESC, s.id DESC LIMIT ?`,
    ).all(after.t, after.t, after.id, limit) as FeedRow[];
  }

  /** A reproducible sample: the run of ids after a point in id space chosen by the key (wrapping around). */
  randomSample(key: string, n: number): FeedRow[] {
    const pivot = fnv1a(key).toString(16).padStart(8, '0');
    const rows = this.prep(`SELECT ${COLS} FROM shaders s WHERE s.id >= ? AND ${ELIGIBLE_BY_ID} ORDER BY s.id LIMIT ?`).all(pivot, n) as FeedRow[];
    if (rows.length < n) rows.push(...(this.prep(`SELECT ${COLS} FROM shaders s WHERE s.id < ? AND ${ELIGIBLE_BY_ID} ORDER BY s.id LIMIT ?`).all(pivot, n - rows.length) as FeedRow[]));
    return rows;
  }

  /** Shaders the user engaged with (dwell, skip, replay, fork) or voted on since `since`: id → last time. */
  seen(userId: string, since: number): ReadonlyMap<string, number> {
    return this.activity.seen(userId, since, this.loaders);
  }

  /** seen() from the tables, with the engagement rowid it read up to (one snapshot). */
  private readSeen(userId: string, since: number): { seen: Map<string, number>; rowid: number } {
    return this.sqlite.transaction(() => {
      const rows = this.prep(
        `SELECT shader_id AS id, max(t) AS t FROM (
           SELECT shader_id, created_at AS t FROM engagement_events WHERE user_id = ? AND created_at > ?
           UNION ALL SELECT shader_id, created_at AS t FROM votes WHERE user_id = ? AND created_at > ?
         ) GROUP BY shader_id`,
      ).all(userId, since, userId, since) as { id: string; t: number }[];
      const rowid = (this.prep('SELECT max(rowid) AS m FROM engagement_events').get() as { m: number | null }).m ?? 0;
      return { seen: new Map(rows.map((r) => [r.id, r.t])), rowid };
    })();
  }

  /** Eligible shaders the user has seen least recently (never-seen first): the feed's fallback. */
  leastRecentlySeen(userId: string, exclude: ReadonlySet<string>, limit: number): FeedRow[] {
    const rows = this.prep(
      `SELECT ${COLS} FROM shaders s
       LEFT JOIN (SELECT shader_id, max(created_at) AS t FROM engagement_events WHERE user_id = ? GROUP BY shader_id) e ON e.shader_id = s.id
       WHERE ${ELIGIBLE} ORDER BY e.t ASC NULLS FIRST, s.id LIMIT ?`,
    ).all(userId, limit + exclude.size) as FeedRow[];
    return rows.filter((r) => !exclude.has(r.id)).slice(0, limit);
  }

  /** The user's recent positive signals (upvotes, dwell > 10 s, replays): what "similar to …" names. */
  liked(userId: string, limit = 16): readonly Liked[] {
    return this.activity.liked(userId, limit, this.loaders);
  }

  private readLiked(userId: string, limit: number): Liked[] {
    // Each source newest-first with a LIMIT first (idx_engagement_user walks back from now), so
    // the cost does not grow with the user's whole history.
    const per = limit * 8;
    return this.prep(
      // Titles are looked up for the `limit` survivors only, not for every candidate row.
      `SELECT y.id AS id, s.title AS title, y.verb AS verb FROM (
         SELECT x.id AS id, x.verb AS verb, max(x.t) AS t FROM (
           SELECT * FROM (SELECT shader_id AS id, 'upvoted' AS verb, created_at AS t FROM votes WHERE user_id = ? AND value = 1 ORDER BY created_at DESC LIMIT ?)
           UNION ALL SELECT * FROM (SELECT shader_id, 'replayed', created_at FROM engagement_events WHERE user_id = ? AND event_type = 'replay' ORDER BY created_at DESC LIMIT ?)
           UNION ALL SELECT * FROM (SELECT shader_id, 'watched', created_at FROM engagement_events WHERE user_id = ? AND event_type = 'dwell' AND dwell_secs > 10 ORDER BY created_at DESC LIMIT ?)
         ) x WHERE EXISTS (SELECT 1 FROM shaders WHERE id = x.id) GROUP BY x.id ORDER BY t DESC LIMIT ?
       ) y JOIN shaders s ON s.id = y.id ORDER BY y.t DESC`,
    ).all(userId, per, userId, per, userId, per, limit) as Liked[];
  }
}
