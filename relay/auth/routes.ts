import bcrypt from 'bcryptjs';
import { eq, or } from 'drizzle-orm';
import express, { type Request, type Response, type Router } from 'express';
import { RelayLoginBody, RelayRegisterBody } from '../../shared/schemas/relay-accounts.js';
import type { RelayContext } from '../context.js';
import { users } from '../db/schema.js';
import { HttpError, isUniqueViolation, parse } from '../http/errors.js';
import { requireUser, type UserRow } from './identify.js';
import { meOf } from './serialize.js';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './throttle.js';
import { ACCESS_TTL_S, REFRESH_COOKIE, REFRESH_TTL_MS, issueRefresh, revokeAccess, revokeRefresh, rotateRefresh, signAccess } from './tokens.js';
import { verifyTurnstile } from './turnstile.js';

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const dummyHashes = new Map<number, Promise<string>>();
const dummyHash = (cost: number) => dummyHashes.get(cost) ?? dummyHashes.set(cost, bcrypt.hash('not-a-real-password', cost)).get(cost)!;

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

function setRefreshCookie(ctx: RelayContext, res: Response, token: string | null): void {
  const secure = ctx.config.publicUrl.startsWith('https:');
  res.cookie(REFRESH_COOKIE, token ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api/v1/auth',
    maxAge: token ? REFRESH_TTL_MS : 0,
  });
}

async function session(ctx: RelayContext, res: Response, u: UserRow, refresh: string) {
  setRefreshCookie(ctx, res, refresh);
  const accessToken = await signAccess(ctx, { id: u.id, username: u.username, role: u.role, tier: u.subscriptionTier });
  return { accessToken, expiresIn: ACCESS_TTL_S, user: await meOf(ctx, u) };
}

export function authRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.use(['/auth', '/me'], express.json({ limit: '16kb' }));

  r.post('/auth/register', async (req, res) => {
    const body = parse(RelayRegisterBody, req.body);
    await verifyTurnstile(ctx.config, body.turnstileToken, req.ip);
    const email = body.email.toLowerCase();
    const taken = await ctx.db.select({ email: users.email, username: users.username }).from(users).where(or(eq(users.email, email), eq(users.username, body.username)));
    const dup = () => new HttpError(409, 'already_registered', 'An account with this email or username already exists');
    if (taken.length) throw dup();
    const passwordHash = await bcrypt.hash(body.password, ctx.config.bcryptCost);
    let u: UserRow;
    try {
      [u] = (await ctx.db.insert(users).values({ username: body.username, email, passwordHash, createdAt: ctx.clock.now() }).returning()) as [UserRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw dup();
      throw err;
    }
    res.status(201).json(await session(ctx, res, u, await issueRefresh(ctx, u.id)));
  });

  r.post('/auth/login', async (req, res) => {
    const body = parse(RelayLoginBody, req.body);
    const ip = req.ip ?? 'unknown';
    await assertLoginAllowed(ctx, body.email, ip);
    await verifyTurnstile(ctx.config, body.turnstileToken, ip);
    const [u] = await ctx.db.select().from(users).where(eq(users.email, body.email.toLowerCase()));
    const ok = await bcrypt.compare(body.password, u?.passwordHash ?? (await dummyHash(ctx.config.bcryptCost)));
    if (!u || !ok) {
      await recordLoginFailure(ctx, body.email, ip);
      throw new HttpError(401, 'invalid_credentials', 'Wrong email or password');
    }
    await recordLoginSuccess(ctx, body.email, ip);
    await ctx.db.update(users).set({ lastActiveAt: ctx.clock.now() }).where(eq(users.id, u.id));
    res.json(await session(ctx, res, u, await issueRefresh(ctx, u.id)));
  });

  r.post('/auth/refresh', async (req, res) => {
    const raw = readCookie(req, REFRESH_COOKIE);
    if (!raw) throw new HttpError(401, 'no_refresh', 'No refresh cookie: sign in');
    const { userId, token } = await rotateRefresh(ctx, raw);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, userId));
    if (!u) throw new HttpError(401, 'unauthorized', 'This account no longer exists');
    res.json(await session(ctx, res, u, token));
  });

  r.post('/auth/logout', async (req, res) => {
    await requireUser(ctx, req);
    const raw = readCookie(req, REFRESH_COOKIE);
    if (raw) await revokeRefresh(ctx, raw);
    if (req.caller?.claims) await revokeAccess(ctx, req.caller.claims);
    setRefreshCookie(ctx, res, null);
    res.json({ ok: true });
  });

  r.get('/me', async (req, res) => {
    res.json(await meOf(ctx, await requireUser(ctx, req)));
  });
  return r;
}
