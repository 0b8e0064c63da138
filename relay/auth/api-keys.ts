import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import express, { type Router } from 'express';
import { RelayApiKeyCreateBody, type RelayApiKey } from '../../shared/schemas/relay-accounts.js';
import { TIER_RULES, type Tier } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import { apiKeys } from '../db/schema.js';
import { HttpError, parse } from '../http/errors.js';
import { API_KEY_PREFIX, requireUser } from './identify.js';
import { sha256 } from './tokens.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(buf: Buffer): string {
  let n = BigInt(`0x${buf.toString('hex')}`);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)]! + s;
    n /= 58n;
  }
  return s;
}

/**
 * API keys for MCP/API clients (seed §6): `ff_key_` + 32 random bytes in base58, shown once.
 * Stored as SHA-256 rather than bcrypt: with 256 bits of entropy a fast hash is not guessable,
 * and it lets each request find its key with one indexed lookup.
 */
export function apiKeyRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  r.use('/me/api-keys', express.json({ limit: '4kb' }));
  const view = (k: typeof apiKeys.$inferSelect, tier: Tier): RelayApiKey => ({
    id: k.id,
    name: k.name,
    prefix: k.keyPrefix,
    access: TIER_RULES[tier].apiKeyAccess,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  });

  r.get('/me/api-keys', async (req, res) => {
    const u = await requireUser(ctx, req);
    const rows = await ctx.db.select().from(apiKeys).where(eq(apiKeys.userId, u.id)).orderBy(desc(apiKeys.createdAt));
    res.json({ keys: rows.map((k) => view(k, u.subscriptionTier as Tier)) });
  });

  r.post('/me/api-keys', async (req, res) => {
    const u = await requireUser(ctx, req);
    if (req.caller?.via === 'apikey') throw new HttpError(403, 'forbidden', 'API keys cannot create API keys; sign in');
    const body = parse(RelayApiKeyCreateBody, req.body);
    const active = await ctx.db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.userId, u.id), isNull(apiKeys.revokedAt)));
    if (active.length >= 10) throw new HttpError(409, 'too_many_keys', 'At most 10 active API keys: revoke one first');
    const key = API_KEY_PREFIX + base58(randomBytes(32));
    const [row] = await ctx.db
      .insert(apiKeys)
      .values({ userId: u.id, name: body.name, keyHash: sha256(key), keyPrefix: key.slice(0, API_KEY_PREFIX.length + 8), trustTier: u.subscriptionTier === 'studio' ? 'trusted' : 'probation', createdAt: ctx.clock.now() })
      .returning();
    res.status(201).json({ ...view(row!, u.subscriptionTier as Tier), key });
  });

  r.delete('/me/api-keys/:id', async (req, res) => {
    const u = await requireUser(ctx, req);
    const done = await ctx.db
      .update(apiKeys)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiKeys.id, String(req.params.id)), eq(apiKeys.userId, u.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (!done.length) throw new HttpError(404, 'not_found', 'No such active API key');
    res.json({ ok: true });
  });
  return r;
}
