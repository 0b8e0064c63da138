import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { InviteStore } from './invite-store.js';
import { hostAllowed, originAllowed } from './lan-addresses.js';
import type { LanRequestContext, LanScope } from './lan-types.js';

/** Path grammar of the LAN listener: /<scope>/<resourceId>[/t/<token>][/<rest>]. */
const PATH = /^\/([a-z][a-z0-9-]{0,31})\/([A-Za-z0-9_-]{1,128})(?:\/t\/([A-Za-z0-9_-]{1,128}))?(?:\/(.*))?$/;

type Resolved = { ok: true; scope: LanScope; at: LanRequestContext } | { ok: false; status: number; code: string; message: string };

const HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Headers on every LAN response; scopes may override Cache-Control or the CSP for their pages. */
export function applyLanHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(HEADERS)) res.setHeader(k, v);
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
}

/** Redacts the token from a LAN path before it reaches a log line. */
export function redact(url: string | undefined): string {
  return (url ?? '').replace(/\/t\/[A-Za-z0-9_-]+/, '/t/…').replace(/([?&]invite=)[^&]*/, '$1…');
}

/**
 * Decides whether a request may reach a scope: Host/Origin (DNS rebinding), a registered scope
 * in the path, and an invite token of that scope for that resource. Anything else learns only
 * a status code and a generic message.
 */
export function resolveLan(req: IncomingMessage, port: number, scopes: ReadonlyMap<string, LanScope>, invites: InviteStore): Resolved {
  if (!hostAllowed(req.headers.host, port)) return { ok: false, status: 403, code: 'forbidden_host', message: 'Open this link by the address it was shared with' };
  if (!originAllowed(req.headers.origin, req.headers.host)) return { ok: false, status: 403, code: 'forbidden_origin', message: 'Cross-origin requests are refused' };
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://lan.invalid');
  } catch {
    return notFound();
  }
  const m = PATH.exec(url.pathname);
  const scope = m ? scopes.get(m[1]!) : undefined;
  if (!m || !scope) return notFound();
  const fromPath = m[3];
  const token = fromPath ?? url.searchParams.get('invite');
  const v = invites.verify(token, { scope: scope.name, resourceId: m[2]! });
  if (!v.ok) return { ok: false, status: v.code === 'invite_required' || v.code === 'invite_invalid' ? 401 : 403, code: v.code, message: v.message };
  const basePath = `/${scope.name}/${m[2]}/t/${v.grant.token}/`;
  return { ok: true, scope, at: { grant: v.grant, subPath: m[4] ?? '', basePath, viaQuery: fromPath === undefined } };
}

const notFound = (): Resolved => ({ ok: false, status: 404, code: 'not_found', message: 'Not found' });

/** A refusal as a tiny HTML page for browsers (guests opening a dead link), JSON otherwise. */
export function sendLanError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  applyLanHeaders(res);
  const wantsHtml = (req.headers.accept ?? '').includes('text/html');
  if (wantsHtml) {
    const safe = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Auteur</title><p style="font:16px system-ui;margin:3em auto;max-width:32em">${safe}</p>`);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message } }));
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

export function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
