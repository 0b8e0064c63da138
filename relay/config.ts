import { homedir } from 'node:os';
import { join } from 'node:path';
import { RATE_LIMITS } from '../shared/relay/tiers.js';

/** Everything the relay reads from its environment (docs/relay.md lists each variable). */
export interface RelayConfig {
  host: string;
  port: number;
  /** The address users reach the relay at (Checkout return URLs, Secure cookies when https). */
  publicUrl: string;
  /** host:port/path where players' room sockets reach THIS process (several processes behind one proxy: one each). */
  roomsPublicAddress?: string | undefined;
  dataDir: string;
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  corsOrigins: string[];
  /** Reverse-proxy hops to trust for the client IP (X-Forwarded-For); 0 = none. */
  trustProxy: number;
  jwtSecret?: string | undefined;
  turnstileSecret?: string | undefined;
  turnstileVerifyUrl: string;
  stripeSecretKey?: string | undefined;
  stripeWebhookSecret?: string | undefined;
  /** e.g. http://127.0.0.1:12111 to point the Stripe SDK at a local fake or stripe-mock. */
  stripeApiBase?: string | undefined;
  /** How often the bounty settlement sweep runs (ms); 0 disables the timer (tests call it). */
  settleEveryMs: number;
  /** Seed §4b limits per minute (anonymous per IP, signed-in per account); overridable for load tests. */
  rateAnonPerMinute: number;
  rateUserPerMinute: number;
  /** Requests per IP per minute under /world-room/ (hosted rooms' guest pages, their GLBs and matchmaking). */
  rateGuestPerMinute: number;
  /** bcrypt cost (seed §6: 12). Only test suites lower it, to keep their many sign-ins fast. */
  bcryptCost: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const port = Number(env.RELAY_PORT ?? 4880);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`RELAY_PORT must be a port number, got "${env.RELAY_PORT}"`);
  const host = env.RELAY_HOST ?? '127.0.0.1';
  return {
    host,
    port,
    publicUrl: (env.RELAY_PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    roomsPublicAddress: env.RELAY_ROOMS_PUBLIC_ADDRESS || undefined,
    dataDir: env.RELAY_DATA_DIR ?? join(homedir(), '.auteur-relay'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    corsOrigins: (env.RELAY_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: Number(env.RELAY_TRUST_PROXY ?? 0) || 0,
    jwtSecret: env.RELAY_JWT_SECRET || undefined,
    turnstileSecret: env.TURNSTILE_SECRET || undefined,
    turnstileVerifyUrl: env.TURNSTILE_VERIFY_URL ?? 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    stripeSecretKey: env.STRIPE_SECRET_KEY || undefined,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripeApiBase: env.STRIPE_API_BASE || undefined,
    settleEveryMs: Number(env.RELAY_SETTLE_EVERY_MS ?? 60_000),
    rateAnonPerMinute: Number(env.RELAY_RATE_ANON_PER_MIN ?? RATE_LIMITS.anonymousPerMinute),
    rateUserPerMinute: Number(env.RELAY_RATE_USER_PER_MIN ?? RATE_LIMITS.authenticatedPerMinute),
    rateGuestPerMinute: Number(env.RELAY_RATE_GUEST_PER_MIN ?? RATE_LIMITS.guestPagePerMinute),
    bcryptCost: Math.min(15, Math.max(4, Number(env.RELAY_BCRYPT_COST ?? 12) || 12)),
  };
}
