import { and, arrayContains, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import express, { type Router } from 'express';
import { hotScore } from '../../shared/relay/formulas.js';
import { RelayCommentBody, RelayFeedQuery, RelayVoteBody, type RelayComment } from '../../shared/schemas/relay-community.js';
import type { RelayContext } from '../context.js';
import type { RelayTx } from '../db/open.js';
import { comments, items, users, votes } from '../db/schema.js';
import { requireUser } from '../auth/identify.js';
import { HttpError, parse, uuidParam } from '../http/errors.js';
import { authorJoin, countInt, itemColumns, itemView } from './items-view.js';

/** Trending/new feeds, votes (hot score recomputed and cached on each vote) and comments. */
export function feedRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  const base = ctx.config.publicUrl;

  for (const [path, order] of [
    ['/feed/trending', [desc(items.score), desc(items.createdAt)]],
    ['/feed/new', [desc(items.createdAt), desc(items.id)]],
  ] as const) {
    r.get(path, async (req, res) => {
      const q = parse(RelayFeedQuery, req.query, 'query');
      const where = and(
        eq(items.isPublic, true),
        q.kind ? eq(items.kind, q.kind) : undefined,
        // The search text is a bound parameter with LIKE's wildcards escaped: it matches literally.
        q.q ? ilike(items.title, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        q.tag ? arrayContains(items.tags, [q.tag]) : undefined,
      );
      const page = await ctx.feedCache.get(`${path}?${JSON.stringify(q)}`, async () => {
        const rows = await ctx.db.select(itemColumns).from(items).innerJoin(...authorJoin).where(where).orderBy(...order).limit(q.limit + 1).offset(q.offset);
        const more = rows.length > q.limit;
        return { items: rows.slice(0, q.limit).map((x) => itemView(x, base)), nextOffset: more ? q.offset + q.limit : null };
      });
      res.json(page);
    });
  }

  async function publicItem(id: string, tx: RelayTx | RelayContext['db'] = ctx.db) {
    const [row] = await tx.select({ id: items.id, isPublic: items.isPublic, createdAt: items.createdAt }).from(items).where(eq(items.id, id));
    if (!row || !row.isPublic) throw new HttpError(404, 'not_found', 'No such item');
    return row;
  }

  /** Recounts an item's votes and caches its hot score (seed §8: recomputed on every vote). */
  async function rescore(tx: RelayTx, itemId: string, createdAt: Date) {
    const [c] = await tx
      .select({ up: sql<number>`count(*) filter (where ${votes.value} = 1)::int`, down: sql<number>`count(*) filter (where ${votes.value} = -1)::int` })
      .from(votes)
      .where(eq(votes.itemId, itemId));
    const up = Number(c?.up ?? 0);
    const down = Number(c?.down ?? 0);
    const score = hotScore(up, down, (ctx.clock.now().getTime() - createdAt.getTime()) / 3600_000);
    await tx.update(items).set({ upvotes: up, downvotes: down, score }).where(eq(items.id, itemId));
    return { upvotes: up, downvotes: down, score };
  }

  r.post('/items/:id/vote', express.json({ limit: '1kb' }), async (req, res) => {
    const u = await requireUser(ctx, req);
    const id = uuidParam(req.params.id);
    const { value } = parse(RelayVoteBody, req.body);
    const out = await ctx.db.transaction(async (tx) => {
      const it = await publicItem(id, tx);
      await tx
        .insert(votes)
        .values({ userId: u.id, itemId: id, value, createdAt: ctx.clock.now() })
        .onConflictDoUpdate({ target: [votes.userId, votes.itemId], set: { value } });
      return rescore(tx, id, it.createdAt);
    });
    ctx.feedCache.clear();
    res.json({ ...out, myVote: value });
  });

  r.delete('/items/:id/vote', async (req, res) => {
    const u = await requireUser(ctx, req);
    const id = uuidParam(req.params.id);
    const out = await ctx.db.transaction(async (tx) => {
      const it = await publicItem(id, tx);
      await tx.delete(votes).where(and(eq(votes.userId, u.id), eq(votes.itemId, id)));
      return rescore(tx, id, it.createdAt);
    });
    ctx.feedCache.clear();
    res.json({ ...out, myVote: 0 });
  });

  const commentView = (c: { id: string; itemId: string; authorId: string; username: string; body: string; parentId: string | null; createdAt: Date }): RelayComment => ({
    id: c.id,
    itemId: c.itemId,
    author: { id: c.authorId, username: c.username },
    body: c.body,
    parentId: c.parentId,
    createdAt: c.createdAt.toISOString(),
  });
  const commentCols = { id: comments.id, itemId: comments.itemId, authorId: comments.authorId, username: users.username, body: comments.body, parentId: comments.parentId, createdAt: comments.createdAt };

  r.get('/items/:id/comments', async (req, res) => {
    const id = uuidParam(req.params.id);
    await publicItem(id);
    const rows = await ctx.db.select(commentCols).from(comments).innerJoin(users, eq(users.id, comments.authorId)).where(eq(comments.itemId, id)).orderBy(asc(comments.createdAt), asc(comments.id)).limit(500);
    res.json({ comments: rows.map(commentView) });
  });

  r.post('/items/:id/comments', express.json({ limit: '16kb' }), async (req, res) => {
    const u = await requireUser(ctx, req);
    const id = uuidParam(req.params.id);
    const body = parse(RelayCommentBody, req.body);
    const row = await ctx.db.transaction(async (tx) => {
      await publicItem(id, tx);
      if (body.parentId) {
        const [p] = await tx.select({ n: countInt }).from(comments).where(and(eq(comments.id, body.parentId), eq(comments.itemId, id)));
        if (!p?.n) throw new HttpError(400, 'bad_parent', 'parentId is not a comment on this item');
      }
      // Stored exactly as typed (parameterised SQL; no HTML is ever produced from it).
      const [c] = await tx.insert(comments).values({ itemId: id, authorId: u.id, body: body.body, parentId: body.parentId ?? null, createdAt: ctx.clock.now() }).returning();
      await tx.update(items).set({ commentCount: sql`${items.commentCount} + 1` }).where(eq(items.id, id));
      return c!;
    });
    ctx.feedCache.clear(); // comment counts are on the cards
    res.status(201).json(commentView({ ...row, username: u.username }));
  });
  return r;
}
