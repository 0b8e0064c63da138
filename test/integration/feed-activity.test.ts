import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../electron/host/data-dir.js';
import { FeedCandidates, SEEN_WINDOW_MS } from '../../electron/host/shaders/feed-candidates.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';

// seen() and liked() answer from per-user caches (feed-activity.ts); after every kind of write
// they must give what the SQL gives now, read straight from the tables on a second connection.

let sc: ShaderCore;
let ids: string[];
let other: Database.Database;
beforeEach(async () => {
  sc = await openShaderCore();
  const sqlite = sc.core.database.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO shaders (id, author_id, title, glsl_code, status, is_public, render_status, published_at, created_at, updated_at)
     VALUES (?, ?, ?, 'void mainImage(out vec4 c, in vec2 p){c=vec4(1);}', 'published', 1, 'ready', 1000, 1000, 1000)`,
  );
  ids = Array.from({ length: 8 }, (_, i) => `act-${i}`);
  ids.forEach((id, i) => insert.run(id, sc.core.ownerUserId, `Shader ${i}`));
  sqlite.prepare(`INSERT INTO users (id, username) VALUES ('guest', 'guest')`).run();
  other = new Database(resolveDataDir(sc.home).dbPath);
});
afterEach(async () => {
  other.close();
  await sc.close();
});

/** The seen map and liked list as the tables say, read on another connection (no cache). */
function fromTables(userId: string, since: number) {
  const seen = other
    .prepare(
      `SELECT shader_id AS id, max(t) AS t FROM (
         SELECT shader_id, created_at AS t FROM engagement_events WHERE user_id = ? AND created_at > ?
         UNION ALL SELECT shader_id, created_at AS t FROM votes WHERE user_id = ? AND created_at > ?
       ) GROUP BY shader_id ORDER BY shader_id`,
    )
    .all(userId, since, userId, since) as { id: string; t: number }[];
  const liked = other
    .prepare(
      `SELECT x.id AS id, s.title AS title, x.verb AS verb FROM (
         SELECT id, verb, max(t) AS t FROM (
           SELECT shader_id AS id, 'upvoted' AS verb, created_at AS t FROM votes WHERE user_id = ? AND value = 1
           UNION ALL SELECT shader_id, 'replayed', created_at FROM engagement_events WHERE user_id = ? AND event_type = 'replay'
           UNION ALL SELECT shader_id, 'watched', created_at FROM engagement_events WHERE user_id = ? AND event_type = 'dwell' AND dwell_secs > 10
         ) GROUP BY id ORDER BY t DESC LIMIT 16
       ) x JOIN shaders s ON s.id = x.id ORDER BY x.t DESC`,
    )
    .all(userId, userId, userId) as { id: string; title: string; verb: string }[];
  return { seen, liked };
}

function expectExact(c: FeedCandidates, userId: string, since: number): void {
  const want = fromTables(userId, since);
  const seen = [...c.seen(userId, since)].map(([id, t]) => ({ id, t })).sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(seen).toEqual(want.seen);
  // Order among signals of the same millisecond is not defined: compared by id.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  expect(c.liked(userId).map((l) => ({ ...l })).sort(byId)).toEqual([...want.liked].sort(byId));
}

describe('feed activity caches (seen, liked)', () => {
  it('give what the tables say after dwells, replays, votes, renames, deletes, rollbacks and other connections', () => {
    const c = new FeedCandidates(sc.core.database.sqlite);
    const me = sc.core.ownerUserId;
    const since = Date.now() - SEEN_WINDOW_MS;
    const { engagement, votes, shaders } = sc.svc;
    const steps: [string, () => void][] = [
      ['nothing yet', () => undefined],
      ['a short dwell', () => engagement.dwell({ shaderId: ids[0]!, seconds: 5 })],
      ['a skip', () => engagement.dwell({ shaderId: ids[1]!, seconds: 1.5 })],
      ['a long dwell (liked)', () => engagement.dwell({ shaderId: ids[2]!, seconds: 15 })],
      ['a replay', () => engagement.replay(ids[3]!)],
      ['an upvote', () => votes.vote(ids[4]!, 1)],
      ['a switched vote', () => votes.vote(ids[4]!, -1)],
      ['an upvote again', () => votes.vote(ids[5]!, 1)],
      ['an unvote', () => votes.unvote(ids[5]!)],
      ['a rename of a liked shader', () => shaders.update(ids[2]!, { title: 'Renamed' })],
      ['another user engages', () => sc.svc.engagement.dwell({ shaderId: ids[6]!, seconds: 40 }, { userId: 'guest', isAdmin: false })],
      ['a rolled-back dwell', () => {
        const sqlite = sc.core.database.sqlite;
        expect(() =>
          sqlite.transaction(() => {
            sqlite.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs) VALUES ('rb', ?, ?, 'dwell', 20)`).run(me, ids[7]);
            throw new Error('roll back');
          })(),
        ).toThrow('roll back');
      }],
      ['a dwell read inside a transaction that is then rolled back', () => {
        const sqlite = sc.core.database.sqlite;
        expect(() =>
          sqlite.transaction(() => {
            sqlite.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs) VALUES ('rb2', ?, ?, 'replay', NULL)`).run(me, ids[6]);
            const c2 = new FeedCandidates(sqlite);
            expect(c2.seen(me, since).has(ids[6]!)).toBe(true);
            expect(c2.liked(me).some((l) => l.id === ids[6])).toBe(true);
            throw new Error('roll back');
          })(),
        ).toThrow('roll back');
      }],
      ['a dwell written by another connection', () => other.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs) VALUES ('o1', ?, ?, 'dwell', 25)`).run(me, ids[7])],
      ['a vote deleted by another connection', () => other.prepare(`DELETE FROM votes WHERE user_id = ? AND shader_id = ?`).run(me, ids[4])],
      ['an event edited in place', () => sc.core.database.sqlite.prepare(`UPDATE engagement_events SET dwell_secs = 50 WHERE user_id = ? AND shader_id = ?`).run(me, ids[0])],
      ['a deleted shader', () => shaders.delete(ids[3]!)],
    ];
    for (const [what, step] of steps) {
      step();
      try {
        expectExact(c, me, since);
        expectExact(c, 'guest', since);
        // A second read straight after (served from the cache) is the same.
        expectExact(c, me, since);
      } catch (err) {
        throw new Error(`after ${what}: ${(err as Error).message}`);
      }
    }
    expect(c.liked(me).length).toBeGreaterThan(0);
  });

  it('drops what falls out of the 30-day window as time passes, and reloads for an earlier window', () => {
    const sqlite = sc.core.database.sqlite;
    const me = sc.core.ownerUserId;
    const c = new FeedCandidates(sqlite);
    const now = Date.now();
    const ev = sqlite.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs, created_at) VALUES (?, ?, ?, 'dwell', 3, ?)`);
    ev.run('old', me, ids[0], now - 20 * 24 * 3600_000);
    ev.run('new', me, ids[1], now - 3600_000);
    expect([...c.seen(me, now - SEEN_WINDOW_MS).keys()].sort()).toEqual([ids[0], ids[1]]);
    const later = now + 15 * 24 * 3600_000; // the old view is now 35 days ago
    expect([...c.seen(me, later - SEEN_WINDOW_MS).keys()]).toEqual([ids[1]]);
    expect([...c.seen(me, now - 40 * 24 * 3600_000).keys()].sort()).toEqual([ids[0], ids[1]]);
    expect(c.seen(me, now - SEEN_WINDOW_MS).get(ids[1]!)).toBe(now - 3600_000);
  });
});
