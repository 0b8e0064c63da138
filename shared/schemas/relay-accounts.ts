import { z } from 'zod';
import { TIERS } from '../relay/tiers.js';

/** Relay accounts (seed §6): registration, login, tokens, API keys. */

export const RelayTier = z.enum(TIERS);
export const RelayRole = z.enum(['user', 'moderator', 'admin']);

export const RelayUsername = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const RelayRegisterBody = z.object({
  username: RelayUsername,
  email: z.email().max(254),
  password: z.string().min(10, 'at least 10 characters').max(200),
  turnstileToken: z.string().max(4096).optional(),
});
export type RelayRegisterBody = z.infer<typeof RelayRegisterBody>;

export const RelayLoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  turnstileToken: z.string().max(4096).optional(),
});
export type RelayLoginBody = z.infer<typeof RelayLoginBody>;

/** What an account looks like to its owner (GET /me). */
export const RelayMe = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  role: RelayRole,
  tier: RelayTier,
  aiCreditsRemaining: z.number().int(),
  monthlyGenerationsLeft: z.number().int(),
  connectAccountId: z.string().nullable(),
  payoutsEnabled: z.boolean(),
  createdAt: z.string(),
});
export type RelayMe = z.infer<typeof RelayMe>;

/** Login/register/refresh answer: the access token (the refresh token travels only as a cookie). */
export const RelaySession = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  user: RelayMe,
});
export type RelaySession = z.infer<typeof RelaySession>;

/** Claims of the short-lived access JWT (seed §6 payload plus a jti for revocation). */
export const RelayAccessClaims = z.object({
  sub: z.string(),
  username: z.string(),
  role: RelayRole,
  tier: RelayTier,
  jti: z.string(),
  iat: z.number(),
  exp: z.number(),
});
export type RelayAccessClaims = z.infer<typeof RelayAccessClaims>;

export const RelayApiKeyCreateBody = z.object({ name: z.string().trim().min(1).max(60) });
export const RelayApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  access: z.enum(['read', 'write']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type RelayApiKey = z.infer<typeof RelayApiKey>;
/** Returned once at creation: the full key is never shown again. */
export const RelayApiKeyCreated = RelayApiKey.extend({ key: z.string() });

export const RelayHealth = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  vectors: z.enum(['pgvector', 'real-array']),
  rateLimitStore: z.enum(['memory', 'redis']),
  turnstile: z.enum(['on', 'off']),
  stripe: z.enum(['on', 'off']),
});
export type RelayHealth = z.infer<typeof RelayHealth>;
