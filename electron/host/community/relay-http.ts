import { AppError } from '../errors.js';

/**
 * One HTTP exchange with a community relay, with failures turned into messages a user can act
 * on: relay down or wrong address (502 relay_unreachable), something that is not a relay
 * (502 relay_bad_response), or the relay's own `{error}` passed on. The relay's 401 becomes a
 * 400 here: a 401 from the host means "your host token is wrong" to the renderer.
 */
export interface RelayReply {
  status: number;
  body: unknown;
  setCookies: string[];
}

export interface RelayRequest {
  token?: string;
  cookie?: string;
  json?: unknown;
  raw?: { bytes: Uint8Array; contentType: string };
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export async function relayFetch(base: string, method: string, path: string, req: RelayRequest = {}): Promise<RelayReply> {
  const url = `${base.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.cookie) headers.cookie = req.cookie;
  let body: string | Uint8Array | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.raw) {
    headers['content-type'] = req.raw.contentType;
    body = req.raw.bytes;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, redirect: 'error', signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (err) {
    throw unreachable(base, err);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new AppError(502, 'relay_bad_response', `${base} answered ${res.status} with something that is not JSON: is this the address of an Auteur community relay?`);
    }
  }
  return { status: res.status, body: parsed, setCookies: res.headers.getSetCookie() };
}

/** The reply's body when the relay said yes; its `{error}` as an AppError otherwise. */
export function expectOk(base: string, reply: RelayReply, what: string): unknown {
  if (reply.status >= 200 && reply.status < 300) return reply.body;
  const err = (reply.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (!err || typeof err.message !== 'string') {
    throw new AppError(502, 'relay_bad_response', `${what}: ${base} answered ${reply.status} without an error message; is this an Auteur community relay?`);
  }
  const code = typeof err.code === 'string' ? `relay_${err.code}` : 'relay_error';
  const status = reply.status === 401 ? 400 : reply.status >= 500 ? 502 : reply.status;
  throw new AppError(status, code, `${what}: the relay said “${err.message}”`, err.details);
}

export function unreachable(base: string, err: unknown): AppError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const why =
    e.name === 'TimeoutError' ? 'no answer in time'
    : e.cause?.code === 'ECONNREFUSED' ? 'connection refused: nothing is listening there'
    : e.cause?.code === 'ENOTFOUND' ? 'that host name does not resolve'
    : (e.cause?.message ?? e.message);
  return new AppError(502, 'relay_unreachable', `The community relay at ${base} could not be reached (${why}). Check the address in Settings → Community, or try again when the relay is up.`);
}

/** `relay_refresh=…` from the relay's Set-Cookie headers (the refresh token travels only as a cookie). */
export function refreshCookieFrom(setCookies: string[]): string | null {
  for (const c of setCookies) {
    const pair = c.split(';')[0]!.trim();
    if (pair.startsWith('relay_refresh=') && pair.length > 'relay_refresh='.length) return pair;
  }
  return null;
}
