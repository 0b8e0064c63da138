import { and, eq } from 'drizzle-orm';
import express, { type Router } from 'express';
import { RelayUsername } from '../../shared/schemas/relay-accounts.js';
import type { RelayContext } from '../context.js';
import { items, users } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { countInt } from './items-view.js';

/** GET /api/v1/users/:username — a public profile (seed §13): never the email or billing state. */
export function userRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.get('/users/:username', async (req, res) => {
    const name = RelayUsername.safeParse(req.params.username);
    if (!name.success) throw new HttpError(404, 'not_found', 'No such user');
    const [u] = await ctx.db.select({ id: users.id, username: users.username, createdAt: users.createdAt, verified: users.isVerifiedCreator }).from(users).where(eq(users.username, name.data));
    if (!u) throw new HttpError(404, 'not_found', 'No such user');
    const [n] = await ctx.db.select({ n: countInt }).from(items).where(and(eq(items.authorId, u.id), eq(items.isPublic, true)));
    res.json({ id: u.id, username: u.username, isVerifiedCreator: u.verified, publicItems: Number(n?.n ?? 0), createdAt: u.createdAt.toISOString() });
  });
  return r;
}
