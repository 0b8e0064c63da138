import { request } from 'node:http';
import Stripe from 'stripe';

/** Small HTTP client for the relay tests (JSON in, JSON out, cookies and headers visible). */
export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export function relayClient(base: string) {
  async function call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: Buffer | string; headers?: Record<string, string>; cookie?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    let body: string | Uint8Array | undefined;
    if (opts.raw !== undefined) body = typeof opts.raw === 'string' ? opts.raw : new Uint8Array(opts.raw);
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  return { call, get: (p: string, token?: string) => call('GET', p, token ? { token } : {}), post: (p: string, body: unknown, token?: string) => call('POST', p, token ? { body, token } : { body }) };
}

/** The refresh cookie pair (`relay_refresh=…`) from a Set-Cookie header. */
export function refreshCookie(h: Headers): string | undefined {
  return h.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('relay_refresh='));
}

/**
 * Streams `total` bytes to `url` with chunked encoding (no Content-Length), resolving with the
 * status as soon as the server answers (it may answer before the body is all sent).
 */
export function streamUpload(url: string, token: string, total: number, first: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    req.on('error', (err) => reject(err));
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const pump = () => {
      while (sent < total) {
        const c = sent === 0 ? Buffer.concat([first, chunk.subarray(first.length)]) : chunk;
        sent += c.length;
        if (!req.write(c)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** A webhook delivery signed like Stripe's: the SDK's own test header helper. */
export function signedWebhook(secret: string, event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } }, timestamp: number) {
  const payload = JSON.stringify({ object: 'event', api_version: '2025-01-27.acacia', livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, ...event });
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return { payload, header };
}
