import type { RelayContext } from '../context.js';
import { HttpError } from '../http/errors.js';

/**
 * Brute-force throttling of logins: failed attempts are counted per account+IP (5 per 15 min)
 * and per account from anywhere (20 per 15 min); over either, logins for it answer 429 until
 * the window passes, even with the right password. A success clears the account+IP count.
 */
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT_IP = 5;
const PER_ACCOUNT = 20;

const keys = (email: string, ip: string) => ({ pair: `login:${email.toLowerCase()}:${ip}`, account: `login:${email.toLowerCase()}` });

export async function assertLoginAllowed(ctx: RelayContext, email: string, ip: string): Promise<void> {
  const k = keys(email, ip);
  const [pair, account] = await Promise.all([ctx.counters.get(k.pair), ctx.counters.get(k.account)]);
  if (pair >= PER_ACCOUNT_IP || account >= PER_ACCOUNT) {
    throw new HttpError(429, 'too_many_attempts', 'Too many failed sign-ins for this account: wait 15 minutes and try again', { retryAfterSeconds: WINDOW_MS / 1000 });
  }
}

export async function recordLoginFailure(ctx: RelayContext, email: string, ip: string): Promise<void> {
  const k = keys(email, ip);
  await Promise.all([ctx.counters.hit(k.pair, WINDOW_MS), ctx.counters.hit(k.account, WINDOW_MS)]);
}

export async function recordLoginSuccess(ctx: RelayContext, email: string, ip: string): Promise<void> {
  await ctx.counters.reset(keys(email, ip).pair);
}
