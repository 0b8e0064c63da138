import type { NextFunction, Request, Response } from 'express';
import { TIER_RULES } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import { sendError } from './errors.js';

/**
 * Seed §4b rate limits per minute: anonymous callers per IP (100), signed-in users per account
 * (300), API keys per key by tier (TIER_RULES.apiKeyRatePerMinute). Counters live in the
 * CounterStore, so on Redis every relay process draws from the same budget. Runs after
 * identify(), so it knows who is calling. Stripe's webhook is exempt (it is signature-checked).
 */
export function rateLimit(ctx: RelayContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api/v1/payments/webhook') return next();
    const c = req.caller;
    const [key, limit] = !c
      ? [`rl:ip:${req.ip}`, ctx.config.rateAnonPerMinute]
      : c.via === 'apikey'
        ? [`rl:key:${c.apiKeyId}`, TIER_RULES[c.tier].apiKeyRatePerMinute]
        : [`rl:user:${c.userId}`, ctx.config.rateUserPerMinute];
    if (await withinLimit(ctx, res, key, limit)) next();
  };
}

/** Hosted rooms' guest pages (anonymous by design: the invite is the key) per IP, on their own budget. */
export function guestRateLimit(ctx: RelayContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (await withinLimit(ctx, res, `rl:guest:${req.ip}`, ctx.config.rateGuestPerMinute)) next();
  };
}

/** Counts the hit, sets the RateLimit headers, and answers 429 when over. */
async function withinLimit(ctx: RelayContext, res: Response, key: string, limit: number): Promise<boolean> {
  const { count, resetMs } = await ctx.counters.hit(key, 60_000);
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
  res.setHeader('RateLimit-Reset', String(Math.ceil(resetMs / 1000)));
  if (count <= limit) return true;
  res.setHeader('Retry-After', String(Math.ceil(resetMs / 1000)));
  sendError(res, 429, 'rate_limited', `Rate limit of ${limit} requests per minute reached; retry in ${Math.ceil(resetMs / 1000)} s`);
  return false;
}

/** CORS only for the configured web origins (RELAY_CORS_ORIGINS); others get no CORS headers. */
export function cors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
        return res.status(204).end();
      }
    } else if (origin && req.method === 'OPTIONS') {
      return sendError(res, 403, 'origin_not_allowed', `Origin ${origin} is not allowed by this relay`);
    }
    next();
  };
}
