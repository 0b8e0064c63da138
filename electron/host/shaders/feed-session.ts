import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { feedSessions } from '../db/schema.js';
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

  private get db() {
    return this.deps.database.db;
  }

  open(userId: string, cursor: string | undefined, now = Date.now()): FeedSession {
    if (!cursor) {
      this.db.delete(feedSessions).where(lt(feedSessions.createdAt, now - FEED_SESSION_TTL_MS)).run();
      const seed = randomBytes(4).readUInt32LE(0);
      const id = randomUUID();
      this.db.insert(feedSessions).values({ id, userId, seed, pages: [], createdAt: now }).run();
      return { id, seed, pages: [], page: 0 };
    }
    const { sessionId, page } = parseFeedCursor(cursor);
    const row = this.db.select().from(feedSessions).where(and(eq(feedSessions.id, sessionId), eq(feedSessions.userId, userId))).get();
    if (!row || row.createdAt < now - FEED_SESSION_TTL_MS) throw badRequest('This feed cursor has expired; request the feed again without a cursor');
    const pages = row.pages ?? [];
    if (page > pages.length) throw badRequest(`Feed cursor asks for page ${page} but only ${pages.length} pages were served; use the nextCursor you were given`);
    return { id: row.id, seed: row.seed, pages, page };
  }

  /** Stores a freshly served page (an already-served page is left as it was). */
  record(session: FeedSession, ids: string[]): void {
    if (session.page < session.pages.length) return;
    const pages = [...session.pages, ids];
    this.db.update(feedSessions).set({ pages }).where(eq(feedSessions.id, session.id)).run();
  }
}
