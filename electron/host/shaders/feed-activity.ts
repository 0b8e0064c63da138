import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared.js';

/**
 * Per-user caches of the two things a feed page reads from votes and engagement_events — what the
 * user saw in the last 30 days (the exclusions) and their recent positive signals ("similar to
 * X") — kept exactly equal to what the SQL would return now (~0.8 ms of a 10k-shader page, and
 * growing with the user's history, read on every page before).
 *
 *  - Engagement rows appended through any connection are read as a delta: the user's rows after
 *    the rowid the cache was built at (a dwell per card watched is the common write between pages,
 *    and a rolled-back insert is never read).
 *  - Updates and deletes of engagement rows, any vote change, and a shader renamed or deleted made
 *    through THIS connection fire TEMP triggers (this connection only; no migration) that drop
 *    every cached entry; a spurious drop (a write rolled back) only costs one reload.
 *  - A commit by another connection (auteur mcp, a second host) changes PRAGMA data_version:
 *    everything is dropped.
 */

export interface Liked {
  id: string;
  title: string;
  verb: string;
}

export interface ActivityLoaders {
  /** id → last time, over rows with created_at > since, and the engagement rowid it saw (same snapshot). */
  seen(userId: string, since: number): { seen: Map<string, number>; rowid: number };
  liked(userId: string, limit: number): Liked[];
}

interface Entry {
  since: number;
  /** engagement_events rowid up to which `seen` has read. */
  rowid: number;
  seen: Map<string, number>;
  /** The oldest time in `seen`: when it is after the asked window start, no filtering is needed. */
  oldest: number;
  liked: Liked[] | null;
  likedLimit: number;
}

interface Appended {
  rowid: number;
  id: string;
  t: number;
  type: string;
  dwell: number | null;
}

/** Users whose activity is held; the least recently used is dropped past this (LAN guests each have one). */
const MAX_USERS = 64;
const CHANGED_FN = 'auteur_feed_activity_changed';

export class FeedActivity {
  private readonly users = new Map<string, Entry>();
  private dataVersion = -1;
  /** False when the triggers could not be made: every call then reads the database. */
  private readonly enabled: boolean;

  private constructor(private readonly sqlite: Database.Database) {
    this.enabled = this.install();
  }

  private install(): boolean {
    const sqlite = this.sqlite;
    try {
      sqlite.function(CHANGED_FN, { deterministic: false }, () => {
        this.users.clear();
        return null;
      });
      const triggers: [string, string][] = [
        ['ev_upd', 'AFTER UPDATE ON main.engagement_events'],
        ['ev_del', 'AFTER DELETE ON main.engagement_events'],
        ['vote_ins', 'AFTER INSERT ON main.votes'],
        ['vote_upd', 'AFTER UPDATE ON main.votes'],
        ['vote_del', 'AFTER DELETE ON main.votes'],
        ['shader_title', 'AFTER UPDATE OF title ON main.shaders'],
        ['shader_del', 'AFTER DELETE ON main.shaders'],
      ];
      for (const [name, on] of triggers) sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS auteur_feed_activity_${name} ${on} BEGIN SELECT ${CHANGED_FN}(); END`);
      return true;
    } catch {
      return false;
    }
  }

  private static readonly byConnection = new WeakMap<Database.Database, FeedActivity>();

  /** One per connection: the triggers call back into the instance that made them. */
  static for(sqlite: Database.Database): FeedActivity {
    let a = FeedActivity.byConnection.get(sqlite);
    if (!a) FeedActivity.byConnection.set(sqlite, (a = new FeedActivity(sqlite)));
    return a;
  }

  /** What the user engaged with or voted on after `since`: id → last time (read-only). */
  seen(userId: string, since: number, load: ActivityLoaders): ReadonlyMap<string, number> {
    // Inside an open transaction rows may yet be rolled back: read them, keep nothing.
    if (!this.enabled || this.sqlite.inTransaction) return load.seen(userId, since).seen;
    let e = this.entry(userId);
    if (!e || since < e.since) e = this.reload(userId, since, load);
    else this.applyAppended(e, userId);
    if (e.oldest > since) return e.seen;
    const out = new Map<string, number>();
    for (const [id, t] of e.seen) if (t > since) out.set(id, t);
    return out;
  }

  /** The user's recent positive signals, newest first (read-only); cached once seen() made the user's entry. */
  liked(userId: string, limit: number, load: ActivityLoaders): readonly Liked[] {
    const e = this.enabled && !this.sqlite.inTransaction ? this.entry(userId) : undefined;
    if (!e) return load.liked(userId, limit);
    this.applyAppended(e, userId);
    if (!e.liked || e.likedLimit !== limit) {
      e.liked = load.liked(userId, limit);
      e.likedLimit = limit;
    }
    return e.liked;
  }

  /** The user's cached entry if it is still valid (nothing was committed by another connection). */
  private entry(userId: string): Entry | undefined {
    const dv = (this.prep('PRAGMA data_version').get() as { data_version: number }).data_version;
    if (dv !== this.dataVersion) {
      this.users.clear();
      this.dataVersion = dv;
    }
    const e = this.users.get(userId);
    if (e) {
      // Most recently used last, so the first key is the one to drop.
      this.users.delete(userId);
      this.users.set(userId, e);
    }
    return e;
  }

  private reload(userId: string, since: number, load: ActivityLoaders): Entry {
    const { seen, rowid } = load.seen(userId, since);
    let oldest = Infinity;
    for (const t of seen.values()) if (t < oldest) oldest = t;
    const e: Entry = { since, rowid, seen, oldest, liked: null, likedLimit: 0 };
    this.users.set(userId, e);
    if (this.users.size > MAX_USERS) this.users.delete(this.users.keys().next().value as string);
    return e;
  }

  /** Engagement rows appended since the entry was read: into `seen`; a positive signal voids `liked`. */
  private applyAppended(e: Entry, userId: string): void {
    // NOT INDEXED: walk the rowid range after the mark, not the user's whole history.
    const rows = this.prep(
      `SELECT rowid AS rowid, shader_id AS id, created_at AS t, event_type AS type, dwell_secs AS dwell FROM engagement_events NOT INDEXED WHERE rowid > ? AND user_id = ?`,
    ).all(e.rowid, userId) as Appended[];
    for (const r of rows) {
      if (r.rowid > e.rowid) e.rowid = r.rowid;
      if (r.t > e.since && !((e.seen.get(r.id) ?? -Infinity) >= r.t)) {
        e.seen.set(r.id, r.t);
        if (r.t < e.oldest) e.oldest = r.t;
      }
      // The signals liked() reads (feed-candidates.ts): replays and dwells over 10 s.
      if (r.type === 'replay' || (r.type === 'dwell' && (r.dwell ?? 0) > 10)) e.liked = null;
    }
    // Rows of other users past the mark: the next delta starts after them too.
    const max = (this.prep('SELECT max(rowid) AS m FROM engagement_events').get() as { m: number | null }).m ?? 0;
    if (max > e.rowid) e.rowid = max;
  }

  private prep(sql: string): Database.Statement {
    return prepared(this.sqlite, sql);
  }
}
