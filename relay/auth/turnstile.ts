import type { RelayConfig } from '../config.js';
import { HttpError } from '../http/errors.js';

/**
 * Cloudflare Turnstile, verified server-side (seed §6) when TURNSTILE_SECRET is set: a POST to
 * siteverify with the secret, the widget's token and the client IP. Off otherwise (health says so).
 */
export async function verifyTurnstile(config: RelayConfig, token: string | undefined, ip: string | undefined): Promise<void> {
  if (!config.turnstileSecret) return;
  if (!token) throw new HttpError(400, 'turnstile_required', 'This relay requires a Turnstile token (turnstileToken)');
  const form = new URLSearchParams({ secret: config.turnstileSecret, response: token });
  if (ip) form.set('remoteip', ip);
  let body: { success?: boolean; 'error-codes'?: string[] };
  try {
    const res = await fetch(config.turnstileVerifyUrl, { method: 'POST', body: form, signal: AbortSignal.timeout(10_000) });
    body = (await res.json()) as typeof body;
  } catch (err) {
    throw new HttpError(503, 'turnstile_unavailable', `Turnstile verification could not be reached: ${(err as Error).message}`);
  }
  if (!body.success) throw new HttpError(403, 'turnstile_failed', 'The Turnstile challenge was not passed', body['error-codes'] ?? []);
}
