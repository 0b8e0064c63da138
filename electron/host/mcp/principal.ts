import { TIER_LIMITS, type TrustTier } from '../../../shared/schemas/api-keys.js';
import { TOOL_MIN_TIER, type McpToolName } from '../../../shared/mcp/tools.js';
import type { ApiKeyRow, ApiKeyService } from '../api-keys/api-key-service.js';

/** Who is calling: the local owner (stdio, Claude Desktop on this machine) or an API key. */
export type Principal = { kind: 'owner'; userId: string } | { kind: 'api-key'; userId: string; key: ApiKeyRow };

const TIER_ORDER: TrustTier[] = ['probation', 'trusted', 'premium'];

export class McpPermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpPermissionError';
  }
}

export function tierOf(p: Principal): TrustTier {
  return p.kind === 'owner' ? 'premium' : p.key.trustTier;
}

/** Throws a message naming the tier a tool needs when the caller's key is below it. */
export function assertToolAllowed(p: Principal, tool: McpToolName): void {
  const needed = TOOL_MIN_TIER[tool];
  if (!needed || p.kind === 'owner') return;
  if (TIER_ORDER.indexOf(p.key.trustTier) < TIER_ORDER.indexOf(needed)) {
    throw new McpPermissionError(
      `${tool} needs a ${needed} API key; this key (${p.key.keyPrefix}…) is ${p.key.trustTier}. Keys are promoted after 10 approved submissions with more than 60% approval, or the owner can raise the tier in Settings → API keys.`,
    );
  }
}

/** Submissions count against the key's hourly limit (seed §4c), durable across restarts. */
export function assertSubmissionAllowed(p: Principal, keys: ApiKeyService): void {
  if (p.kind === 'owner') return;
  const limit = TIER_LIMITS[p.key.trustTier].submissionsPerHour;
  const used = keys.submissionsLastHour(p.key.id);
  if (used >= limit) {
    throw new McpPermissionError(`Rate limit reached: ${p.key.trustTier} keys may submit ${limit} shaders per hour and this key submitted ${used} in the last hour. Try again later.`);
  }
}

/** Whether submissions from this caller wait for the owner's review before publishing. */
export function needsReview(p: Principal): boolean {
  return p.kind === 'api-key' && TIER_LIMITS[p.key.trustTier].reviewSubmissions;
}

/** A per-key call budget per hour (all tools), kept in memory: it guards against runaway loops. */
export class CallRateLimiter {
  private readonly calls = new Map<string, number[]>();
  check(p: Principal): void {
    if (p.kind === 'owner') return;
    const now = Date.now();
    const recent = (this.calls.get(p.key.id) ?? []).filter((t) => now - t < 3600_000);
    const limit = TIER_LIMITS[p.key.trustTier].callsPerHour;
    if (recent.length >= limit) throw new McpPermissionError(`Rate limit reached: ${limit} tool calls per hour for ${p.key.trustTier} keys.`);
    recent.push(now);
    this.calls.set(p.key.id, recent);
  }
}
