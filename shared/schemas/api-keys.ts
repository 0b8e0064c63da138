import { z } from 'zod';

/** Seed 000 §4c trust tiers: what an agent's key may do and how often. */
export const TrustTier = z.enum(['probation', 'trusted', 'premium']);
export type TrustTier = z.infer<typeof TrustTier>;

export const TIER_LIMITS: Record<TrustTier, { submissionsPerHour: number; callsPerHour: number; reviewSubmissions: boolean; canFulfill: boolean; canTag: boolean }> = {
  probation: { submissionsPerHour: 10, callsPerHour: 300, reviewSubmissions: true, canFulfill: false, canTag: false },
  trusted: { submissionsPerHour: 100, callsPerHour: 3000, reviewSubmissions: false, canFulfill: true, canTag: true },
  premium: { submissionsPerHour: 500, callsPerHour: 15000, reviewSubmissions: false, canFulfill: true, canTag: true },
};

/** Promotion rule: 10 approved submissions with an approval ratio above 0.6. */
export const PROMOTION = { minApproved: 10, minRatio: 0.6 } as const;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  prefix: z.string().describe('First characters of the key, for recognising it; the key itself is never shown again'),
  trustTier: TrustTier,
  submissionsApproved: z.number().int(),
  submissionsRejected: z.number().int(),
  rateLimitPerHour: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(80).describe('A label, e.g. "Claude Desktop on my laptop"'),
  trustTier: TrustTier.default('probation'),
});

export const CreatedApiKey = z.object({
  key: z.string().describe('ak_… — shown once; store it now'),
  apiKey: ApiKeyView,
});
export const ApiKeyList = z.object({ keys: z.array(ApiKeyView) });
