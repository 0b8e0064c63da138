import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared.js';
import { badRequest } from '../errors.js';
import type { ShaderDeps } from './deps.js';

/** Sessions older than this are pruned; a cursor from one answers 400 asking to start over. */
export const FEED_SESSION_TTL_MS = 24 * 3600_000;

export interface FeedSession {
  id: string;
  seed: number;
  pages: string[][];
  page: number;
}

/** Cursor "<session>.<page>": the page to serve next within a stored feed session. */
export function parseFeedCursor(cursor: string): { sessionId: string; page: number } {
  const m = /^([0-9a-f-]{36})\.(\d{1,5})$/.exec(cursor);
  if (!m) throw badRequest(`Invalid feed cursor "${cursor}": use the nextCursor of the previous page, or no cursor to start a new feed`);
  return { sessionId: m[1] as string, page: Number(m[2]) };
}

export const feedCursor = (sessionId: string, page: number) => `${sessionId}.${page}`;

/**
 * Feed sessions remember which shaders each page served, so later pages never repeat or skip
 * one while the taste vector changes underneath, and a retried page returns the same items.
 */
export class FeedSessions {
  constructor(private readonly deps: ShaderDeps) {}

  // Plain prepared SQL: these run on every feed page (bench/feed.ts), and drizzle re-prepares per call.
  private prep(sql: string): Database.Statement {
    return prepared(this.deps.database.sqlite, sql);
  }

  open(userId: string, cursor: string | undefined, now = Date.now()): FeedSession {
    if (!cursor) {
      this.prep('DELETE FROM feed_sessions WHERE created_at < ?').run(now - FEED_SESSION_TTL_MS);
      const seed = randomBytes(4).readUInt32LE(0);
      const id = randomUUID();
      this.prep(`INSERT INTO feed_sessions (id, user_id, seed, pages, created_at) VALUES (?, ?, ?, '[]', ?)`).run(id, userId, seed, now);
      return { id, seed, pages: [], page: 0 };
    }
    const { sessionId, page } = parseFeedCursor(cursor);
    const row = this.prep('SELECT id, seed, pages, created_at AS createdAt FROM feed_sessions WHERE id = ? AND user_id = ?').get(sessionId, userId) as
      | { id: string; seed: number; pages: string | null; createdAt: number }
      | undefined;
    if (!row || row.createdAt < now - FEED_SESSION_TTL_MS) throw badRequest('This feed cursor has expired; request the feed again without a cursor');
    const pages = parsePages(row.pages);
    if (page > pages.length) throw badRequest(`Feed cursor asks for page ${page} but only ${pages.length} pages were served; use the nextCursor you were given`);
    return { id: row.id, seed: row.seed, pages, page };
  }

  /** Stores a freshly served page (an already-served page is left as it was). */
  record(session: FeedSession, ids: string[]): void {
    if (session.page < session.pages.length) return;
    const pages = [...session.pages, ids];
    this.prep('UPDATE feed_sessions SET pages = ? WHERE id = ?').run(JSON.stringify(pages), session.id);
  }
}

function parsePages(raw: string | null): string[][] {
  if (!raw) return [];
  const v = JSON.parse(raw) as unknown;
  return Array.isArray(v) ? (v as string[][]) : [];
}
