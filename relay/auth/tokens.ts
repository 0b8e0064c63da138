import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { SignJWT, jwtVerify } from 'jose';
import { RelayAccessClaims } from '../../shared/schemas/relay-accounts.js';
import type { RelayContext } from '../context.js';
import { relaySettings, refreshTokens, revokedAccessTokens } from '../db/schema.js';
import type { RelayDb } from '../db/open.js';
import { HttpError } from '../http/errors.js';

/** Seed §6: 15-minute access JWTs, 30-day refresh tokens (httpOnly cookie), rotation on every use. */
export const ACCESS_TTL_S = 15 * 60;
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;
export const REFRESH_COOKIE = 'relay_refresh';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The HS256 signing key: RELAY_JWT_SECRET, else one generated on first start and kept in the
 * database, so every relay process on the same database signs and verifies alike.
 */
export async function loadJwtKey(db: RelayDb, configured?: string): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  await db.insert(relaySettings).values({ key: 'jwt_secret', value: randomBytes(48).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select().from(relaySettings).where(eq(relaySettings.key, 'jwt_secret'));
  return new TextEncoder().encode(row!.value);
}

export interface AccessSubject {
  id: string;
  username: string;
  role: string;
  tier: string;
}

export async function signAccess(ctx: RelayContext, u: AccessSubject): Promise<string> {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  return new SignJWT({ username: u.username, role: u.role, tier: u.tier })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(u.id)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TTL_S)
    .sign(ctx.jwtKey);
}

/** Verifies signature, expiry (against the relay's clock) and the revocation list. */
export async function verifyAccess(ctx: RelayContext, token: string): Promise<RelayAccessClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, ctx.jwtKey, { algorithms: ['HS256'], currentDate: ctx.clock.now() }));
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new HttpError(401, expired ? 'token_expired' : 'invalid_token', expired ? 'The access token has expired: refresh it' : 'The access token is not valid');
  }
  const claims = RelayAccessClaims.safeParse(payload);
  if (!claims.success) throw new HttpError(401, 'invalid_token', 'The access token is not valid');
  const [revoked] = await ctx.db.select({ jti: revokedAccessTokens.jti }).from(revokedAccessTokens).where(eq(revokedAccessTokens.jti, claims.data.jti));
  if (revoked) throw new HttpError(401, 'token_revoked', 'This access token was revoked (signed out)');
  return claims.data;
}

export async function revokeAccess(ctx: RelayContext, claims: RelayAccessClaims): Promise<void> {
  await ctx.db.insert(revokedAccessTokens).values({ jti: claims.jti, expiresAt: new Date(claims.exp * 1000) }).onConflictDoNothing();
}

/** Issues a refresh token in `familyId` (a new family at login). Returns the raw token for the cookie. */
export async function issueRefresh(ctx: RelayContext, userId: string, familyId: string = randomUUID()): Promise<string> {
  const raw = randomBytes(32).toString('base64url');
  await ctx.db.insert(refreshTokens).values({ userId, familyId, tokenHash: sha256(raw), expiresAt: new Date(ctx.clock.now().getTime() + REFRESH_TTL_MS) });
  return raw;
}

/**
 * Rotates a refresh token: the presented one is revoked and a new one in the same family issued.
 * Presenting an already-rotated token means it leaked: the whole family is revoked.
 */
export async function rotateRefresh(ctx: RelayContext, raw: string): Promise<{ userId: string; token: string }> {
  const now = ctx.clock.now();
  const [row] = await ctx.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(raw)));
  if (!row) throw new HttpError(401, 'invalid_refresh', 'The refresh token is not valid: sign in again');
  if (row.revokedAt) {
    await ctx.db.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
    throw new HttpError(401, 'refresh_reused', 'This refresh token was already used; every session from that sign-in is now revoked. Sign in again');
  }
  if (row.expiresAt <= now) throw new HttpError(401, 'refresh_expired', 'The session has expired: sign in again');
  // Only one of two racing refreshes with the same token wins the revoke.
  const won = await ctx.db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  if (!won.length) throw new HttpError(401, 'refresh_reused', 'This refresh token was already used: sign in again');
  return { userId: row.userId, token: await issueRefresh(ctx, row.userId, row.familyId) };
}

export async function revokeRefresh(ctx: RelayContext, raw: string): Promise<void> {
  await ctx.db.update(refreshTokens).set({ revokedAt: ctx.clock.now() }).where(and(eq(refreshTokens.tokenHash, sha256(raw)), isNull(refreshTokens.revokedAt)));
}

/** Drops revocation rows whose tokens have expired anyway. */
export async function pruneRevoked(ctx: RelayContext): Promise<void> {
  await ctx.db.delete(revokedAccessTokens).where(sql`${revokedAccessTokens.expiresAt} < ${ctx.clock.now()}`);
}
