import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends its own
 * Host and Origin, so both must name this host exactly.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.has(host.toLowerCase())) return `Host "${host}" is not this studio host`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return `Origin "${origin}" is not a valid origin`;
    }
    if (o.protocol !== 'http:' || !hosts.has(o.host.toLowerCase())) return `Origin "${origin}" is not allowed (cross-origin requests are refused)`;
  } else if (origin === 'null') {
    return 'Origin "null" is not allowed';
  }
  return null;
}

export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerFrom(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function hostOriginGuard(getPort: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const why = checkHostAndOrigin(req, getPort());
    if (why) return sendError(res, 403, 'forbidden_origin', why);
    next();
  };
}

export function securityHeaders(csp: () => string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', csp());
    next();
  };
}
