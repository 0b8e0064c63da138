import { and, eq, isNull } from 'drizzle-orm';
import type { NextFunction, Request, Response } from 'express';
import { TIER_RULES, type Tier } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import { apiKeys, users } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { sha256, verifyAccess } from './tokens.js';
import type { RelayAccessClaims } from '../../shared/schemas/relay-accounts.js';

/** Who is calling: set on every request by identify() (anonymous when no Authorization). */
export interface Caller {
  userId: string;
  via: 'jwt' | 'apikey';
  claims?: RelayAccessClaims;
  apiKeyId?: string;
  /** API keys on the free tier may only read. */
  access: 'read' | 'write';
  /** Tier when identified (for API key rate limits). */
  tier: Tier;
}

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

export const API_KEY_PREFIX = 'ff_key_';

/**
 * Reads `Authorization: Bearer <jwt | ff_key_…>`. A bad token is a 401 (not silently
 * anonymous), so a client with an expired token learns to refresh.
 */
export function identify(ctx: RelayContext) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return next();
    const token = m[1]!;
    if (token.startsWith(API_KEY_PREFIX)) {
      const [row] = await ctx.db
        .select({ id: apiKeys.id, userId: apiKeys.userId, tier: users.subscriptionTier })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.keyHash, sha256(token)), isNull(apiKeys.revokedAt)));
      if (!row) throw new HttpError(401, 'invalid_api_key', 'This API key is not valid or was revoked');
      const tier = row.tier as Tier;
      req.caller = { userId: row.userId, via: 'apikey', apiKeyId: row.id, access: TIER_RULES[tier].apiKeyAccess, tier };
      void ctx.db.update(apiKeys).set({ lastUsedAt: ctx.clock.now() }).where(eq(apiKeys.id, row.id)).catch(() => {});
    } else {
      const claims = await verifyAccess(ctx, token);
      req.caller = { userId: claims.sub, via: 'jwt', claims, access: 'write', tier: claims.tier };
    }
    // Read-only keys: refuse anything that changes state.
    if (req.caller.access === 'read' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      throw new HttpError(403, 'read_only_key', 'Free-tier API keys are read-only; upgrade to Pro to write with an API key');
    }
    next();
  };
}

export type UserRow = typeof users.$inferSelect;

/** The signed-in user's current row (tier read fresh: a JWT's tier may predate an upgrade). */
export async function requireUser(ctx: RelayContext, req: Request): Promise<UserRow> {
  if (!req.caller) throw new HttpError(401, 'unauthorized', 'Sign in first (Authorization: Bearer <access token or API key>)');
  const [u] = await ctx.db.select().from(users).where(eq(users.id, req.caller.userId));
  if (!u) throw new HttpError(401, 'unauthorized', 'This account no longer exists');
  return u;
}

/** Refuses with 403 tier_required unless the user's tier allows `feature` (seed §10 table). */
export function requireTier(u: UserRow, feature: 'postBounties' | 'fulfilBounties' | 'byok' | 'privateItems', what: string): void {
  if (!TIER_RULES[u.subscriptionTier as Tier]?.[feature]) {
    throw new HttpError(403, 'tier_required', `${what} needs a Pro or Studio subscription (yours: ${u.subscriptionTier})`, { tier: u.subscriptionTier, required: ['pro', 'studio'] });
  }
}
