import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { PROMOTION, TIER_LIMITS, type ApiKeyView, type TrustTier } from '../../../shared/schemas/api-keys.js';
import type { Db } from '../db/connection.js';
import { apiKeys, shaders } from '../db/schema.js';
import { notFound } from '../errors.js';
import { base58 } from './base58.js';
import { hashKey, verifyKey } from './key-hash.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

const KEY_PREFIX = 'ak_';
/** Characters of the key kept in clear for lookup and display ("ak_" + 8). */
const PREFIX_LENGTH = KEY_PREFIX.length + 8;
const CACHE_MS = 5 * 60_000;

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export function toApiKeyView(r: ApiKeyRow): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.keyPrefix,
    trustTier: r.trustTier,
    submissionsApproved: r.submissionsApproved,
    submissionsRejected: r.submissionsRejected,
    rateLimitPerHour: r.rateLimitPerHour,
    lastUsedAt: iso(r.lastUsedAt),
    createdAt: new Date(r.createdAt).toISOString(),
    revokedAt: iso(r.revokedAt),
  };
}

/**
 * API keys for MCP clients (seed 000 §4c, §6): `ak_` + 32 random bytes in base58, shown once,
 * stored as a scrypt hash; looked up by prefix, then verified. Verified keys are remembered
 * (by SHA-256 of the key, never the key) for a few minutes so each MCP call does not pay scrypt.
 */
export class ApiKeyService {
  private readonly verified = new Map<string, { id: string; until: number }>();

  constructor(private readonly db: Db) {}

  async create(userId: string, name: string, tier: TrustTier = 'probation'): Promise<{ key: string; row: ApiKeyRow }> {
    const key = `${KEY_PREFIX}${base58(randomBytes(32))}`;
    const row = this.db
      .insert(apiKeys)
      .values({
        id: randomUUID(),
        userId,
        keyHash: await hashKey(key),
        keyPrefix: key.slice(0, PREFIX_LENGTH),
        name,
        trustTier: tier,
        rateLimitPerHour: TIER_LIMITS[tier].submissionsPerHour,
        createdAt: Date.now(),
      })
      .returning()
      .get();
    return { key, row };
  }

  list(userId: string): ApiKeyRow[] {
    return this.db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt)).all();
  }

  get(id: string): ApiKeyRow | undefined {
    return this.db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  }

  revoke(userId: string, id: string): ApiKeyRow {
    const row = this.db
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${Date.now()})` })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
      .returning()
      .get();
    if (!row) throw notFound(`API key ${id}`);
    for (const [k, v] of this.verified) if (v.id === id) this.verified.delete(k);
    return row;
  }

  /** The live (not revoked) key row for a presented key, or null. */
  async authenticate(presented: string | null | undefined): Promise<ApiKeyRow | null> {
    if (!presented || !presented.startsWith(KEY_PREFIX) || presented.length < PREFIX_LENGTH + 20 || presented.length > 80) return null;
    const fingerprint = createHash('sha256').update(presented).digest('hex');
    const cached = this.verified.get(fingerprint);
    if (cached && cached.until > Date.now()) {
      const row = this.get(cached.id);
      if (row && !row.revokedAt) return this.touch(row);
      this.verified.delete(fingerprint);
      return null;
    }
    const candidates = this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyPrefix, presented.slice(0, PREFIX_LENGTH)), isNull(apiKeys.revokedAt)))
      .all();
    for (const row of candidates) {
      if (await verifyKey(presented, row.keyHash)) {
        this.verified.set(fingerprint, { id: row.id, until: Date.now() + CACHE_MS });
        return this.touch(row);
      }
    }
    return null;
  }

  /** Shaders submitted with this key in the last hour (the durable basis of the rate limit). */
  submissionsLastHour(keyId: string): number {
    const since = Date.now() - 3600_000;
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(shaders)
      .where(and(eq(shaders.submittedByApiKey, keyId), gt(shaders.createdAt, since)))
      .get()!.n;
  }

  /** Records a moderation decision; promotes probation keys that earned it (seed §4c). */
  recordReview(keyId: string, approved: boolean): ApiKeyRow | undefined {
    const row = this.db
      .update(apiKeys)
      .set(approved ? { submissionsApproved: sql`${apiKeys.submissionsApproved} + 1` } : { submissionsRejected: sql`${apiKeys.submissionsRejected} + 1` })
      .where(eq(apiKeys.id, keyId))
      .returning()
      .get();
    if (!row) return undefined;
    const total = row.submissionsApproved + row.submissionsRejected;
    if (row.trustTier === 'probation' && row.submissionsApproved >= PROMOTION.minApproved && row.submissionsApproved / total > PROMOTION.minRatio) {
      return this.db
        .update(apiKeys)
        .set({ trustTier: 'trusted', rateLimitPerHour: TIER_LIMITS.trusted.submissionsPerHour })
        .where(eq(apiKeys.id, keyId))
        .returning()
        .get();
    }
    return row;
  }

  private touch(row: ApiKeyRow): ApiKeyRow {
    const now = Date.now();
    // Write at most once a minute per key; last-used is informational.
    if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) this.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
    return row;
  }
}
