import type { FeedPage, FeedWhy } from '../../../shared/schemas/shaders.js';
import { badRequest } from '../errors.js';
import type { ShaderDeps } from './deps.js';
import { FeedCandidates, SEEN_WINDOW_MS, type FeedRow } from './feed-candidates.js';
import { feedIndexFor, type FeedIndex } from './feed-index.js';
import { feedCursor, FeedSessions, type FeedSession } from './feed-session.js';
import { FEED_WEIGHTS, feedScore } from './ranking.js';
import type { ShaderReader, ShaderRow } from './shader-rows.js';
import type { TasteService } from './taste.js';
import { exploration, idHash, pageKeyHash, unit } from './vector-codes.js';
import { getVectors } from './vectors.js';
import type { VoteService } from './vote-service.js';


interface Scored {
  row: FeedRow;
  similarity: number | null;
  why: FeedWhy;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Why a ranked card is there: the term of the formula that carried it. */
function reasonFor(s: number, hot: number): FeedWhy['reason'] {
  if (s >= 0.5 && s * FEED_WEIGHTS.similarity >= hot * FEED_WEIGHTS.hot) return 'similar';
  return hot > 0 && hot * FEED_WEIGHTS.hot > s * FEED_WEIGHTS.similarity ? 'trending' : 'exploring';
}

/**
 * The feed (seed §8): personalised = similarity × 0.6 + hot × 0.3 + exploration × 0.1 over
 * every eligible shader (the in-memory FeedIndex narrows the library to exact-scored candidates),
 * excluding what was seen in the last 30 days and what this session already served; first run
 * (no taste yet) mixes trending and new. A small library falls back to least-recently-seen.
 */
export class FeedService {
  private readonly candidates: FeedCandidates;
  private readonly sessions: FeedSessions;
  private readonly index: FeedIndex;

  constructor(
    private readonly deps: ShaderDeps,
    private readonly reader: ShaderReader,
    private readonly taste: TasteService,
    private readonly votes: VoteService,
  ) {
    this.candidates = new FeedCandidates(deps.database.sqlite);
    this.sessions = new FeedSessions(deps);
    this.index = feedIndexFor(deps.database.sqlite);
    // Build the index a second after start (after the URL line) rather than inside the first feed
    // request (~1 s per 100k shaders); a database closed by then (short-lived tools, tests) skips it.
    setTimeout(() => {
      try {
        if (deps.database.sqlite.open) this.index.sync();
      } catch {
        /* the first query builds it and reports any error */
      }
    }, 1000).unref();
  }

  personal(userId: string, cursor: string | undefined, limit: number, now = Date.now()): FeedPage {
    const session = this.sessions.open(userId, cursor, now);
    this.votes.refreshIfStale(now);
    const taste = this.taste.get(userId);
    const mode = taste ? 'personal' : 'cold_start';
    let picked: Scored[];
    if (session.page < session.pages.length) {
      picked = this.replayPage(session, taste);
    } else {
      // Seen in the last 30 days or already served in this session (no spread copies: every page).
      const exclude = new Set(this.candidates.seen(userId, now - SEEN_WINDOW_MS).keys());
      for (const page of session.pages) for (const id of page) exclude.add(id);
      picked = taste ? this.rankByTaste(taste, session, exclude, limit) : this.coldStart(exclude, limit);
      if (picked.length < limit) {
        // Small library: rather than an empty feed, bring back what was seen longest ago.
        const taken = new Set([...session.pages.flat(), ...picked.map((p) => p.row.id)]);
        for (const row of this.candidates.leastRecentlySeen(userId, taken, limit - picked.length)) {
          picked.push({ row, similarity: null, why: this.why('resurfaced', null, row.score, 0, null) });
        }
      }
      this.sessions.record(session, picked.map((p) => p.row.id));
    }
    if (taste) this.nameNearest(userId, picked);
    return { items: this.cards(picked), nextCursor: picked.length === limit ? feedCursor(session.id, session.page + 1) : null, mode };
  }

  /** Trending (public): cached hot score order, offset cursor "t.<offset>". */
  trending(cursor: string | undefined, limit: number, now = Date.now()): FeedPage {
    const offset = cursor === undefined ? 0 : parseOffsetCursor(cursor, 't');
    this.votes.refreshIfStale(now);
    const rows = this.candidates.trending(limit, offset);
    const picked = rows.map((row) => ({ row, similarity: null, why: this.why(row.score > 0 ? 'trending' : 'new', null, row.score, 0, null) }));
    return { items: this.cards(picked), nextCursor: rows.length === limit ? `t.${offset + limit}` : null, mode: 'trending' };
  }

  /** New (public): newest published first, keyset cursor "n.<publishedAt>.<id>". */
  newest(cursor: string | undefined, limit: number): FeedPage {
    let after: { t: number; id: string } | undefined;
    if (cursor !== undefined) {
      const m = /^n\.(\d+)\.(.+)$/.exec(cursor);
      if (!m) throw badRequest(`Invalid cursor "${cursor}" for the new feed: use the nextCursor of the previous page`);
      after = { t: Number(m[1]), id: m[2] as string };
    }
    const rows = this.candidates.newest(limit, after);
    const picked = rows.map((row) => ({ row, similarity: null, why: this.why('new', null, row.score, 0, null) }));
    const last = rows[rows.length - 1];
    return { items: this.cards(picked), nextCursor: rows.length === limit && last ? `n.${last.publishedAt ?? last.createdAt}.${last.id}` : null, mode: 'new' };
  }

  /**
   * The seed §8 ranking over every eligible shader not excluded, served from the in-memory
   * FeedIndex (exact cosine on its final candidates); the formula is ranking.ts feedScore.
   */
  private rankByTaste(taste: Float32Array, session: FeedSession, exclude: ReadonlySet<string>, limit: number): Scored[] {
    const ranked = this.index.rank(taste, { exclude, pageHash: pageKeyHash(`${session.seed}:${session.page}`), limit, weights: FEED_WEIGHTS });
    const scored = ranked.map(({ row, similarity: s, exploration: explore }) => {
      const total = feedScore(s, row.score, explore);
      return { row, similarity: s, total, why: this.why(reasonFor(s, row.score), s, row.score, explore, total) };
    });
    scored.sort((a, b) => b.total - a.total || (a.row.id < b.row.id ? -1 : 1));
    return scored;
  }

  /** First run: trending and new interleaved (seed: anonymous users get the trending/new mix). */
  private coldStart(exclude: ReadonlySet<string>, limit: number): Scored[] {
    const want = Math.min(2000, limit * 3 + exclude.size);
    const hot = this.candidates.trending(want).filter((r) => !exclude.has(r.id));
    const fresh = this.candidates.newest(want).filter((r) => !exclude.has(r.id));
    const out: Scored[] = [];
    const taken = new Set<string>();
    for (let i = 0; out.length < limit && (i < hot.length || i < fresh.length); i++) {
      for (const [row, reason] of [[hot[i], 'trending'], [fresh[i], 'new']] as const) {
        if (!row || taken.has(row.id) || out.length >= limit) continue;
        taken.add(row.id);
        out.push({ row, similarity: null, why: this.why(reason === 'trending' && row.score > 0 ? 'trending' : 'new', null, row.score, 0, null) });
      }
    }
    return out;
  }

  /** A retried page: the same ids in the same order, with fresh scores. */
  private replayPage(session: FeedSession, taste: Float32Array | null): Scored[] {
    const ids = session.pages[session.page] ?? [];
    const pageHash = pageKeyHash(`${session.seed}:${session.page}`);
    const rows = this.candidates.eligibleByIds(ids);
    const sims = taste ? this.index.similarities(taste, ids) : new Map<string, number>();
    return ids
      .map((id) => rows.get(id))
      .filter((r): r is FeedRow => !!r)
      .map((row) => {
        const s = sims.get(row.id) ?? null;
        const explore = exploration(pageHash, idHash(row.id));
        const total = s === null ? row.score : feedScore(s, row.score, explore);
        return { row, similarity: s, why: this.why(s !== null && s >= 0.5 ? 'similar' : row.score > 0 ? 'trending' : 'new', s, row.score, s === null ? 0 : explore, total) };
      });
  }

  private why(reason: FeedWhy['reason'], similarity: number | null, hot: number, exploration: number, total: number | null): FeedWhy {
    const label =
      reason === 'similar' ? `close to your taste (${r2(similarity ?? 0).toFixed(2)})`
      : reason === 'trending' ? `trending (hot ${r2(hot).toFixed(2)})`
      : reason === 'new' ? 'new'
      : reason === 'exploring' ? `exploring something different (similarity ${r2(similarity ?? 0).toFixed(2)})`
      : 'seen before: back around because you have seen the rest';
    return { reason, label, similarity, hot, exploration, total: total ?? hot, nearest: null };
  }

  /** Names the liked shader each "similar" card is closest to: "similar to X that you upvoted (0.82)". */
  private nameNearest(userId: string, picked: Scored[]): void {
    const similar = picked.filter((p) => p.why.reason === 'similar');
    if (!similar.length) return;
    const liked = this.candidates.liked(userId);
    if (!liked.length) return;
    const likedIds = liked.map((l) => l.id);
    // Liked shaders no longer eligible are not in the feed index: their vectors come from vec0.
    const gone = this.index.missing(likedIds);
    const outside = new Map<string, Float64Array>();
    if (gone.length) for (const [id, v] of getVectors(this.deps.database.sqlite, 'vec_shader_style', gone)) outside.set(id, unit(v));
    const sims = this.index.crossCosines(similar.map((p) => p.row.id), likedIds, outside);
    similar.forEach((p, t) => {
      let best = -1;
      for (let r = 0; r < liked.length; r++) {
        const s = sims[t * liked.length + r] as number;
        if (liked[r]!.id !== p.row.id && !Number.isNaN(s) && (best < 0 || s > (sims[t * liked.length + best] as number))) best = r;
      }
      const l = liked[best];
      const sim = best < 0 ? 0 : (sims[t * liked.length + best] as number);
      if (l && sim >= 0.5) {
        p.why = { ...p.why, nearest: { id: l.id, title: l.title }, label: `similar to "${l.title}" that you ${l.verb} (${r2(sim).toFixed(2)})` };
      }
    });
  }

  private cards(picked: Scored[]) {
    if (!picked.length) return [];
    const rows = this.reader.rowsByIds(picked.map((p) => p.row.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = picked.map((p) => byId.get(p.row.id)).filter((r): r is ShaderRow => !!r);
    return this.reader.cards(ordered, new Map(picked.map((p) => [p.row.id, p.why])));
  }
}

export function parseOffsetCursor(cursor: string, prefix: string): number {
  const m = new RegExp(`^${prefix}\\.(\\d{1,7})$`).exec(cursor);
  if (!m) throw badRequest(`Invalid cursor "${cursor}": use the nextCursor of the previous page`);
  return Number(m[1]);
}
