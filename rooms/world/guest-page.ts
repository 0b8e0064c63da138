import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/**
 * The world-room guest page, for whichever server hosts the room (the desktop's LAN listener,
 * the community relay): the studio's own renderer bundle, whose entry renders only the session
 * view for /world-room/… paths (renderer/app/guest-pages.tsx) and needs no studio token.
 * index.html is served at the invite path with its /assets/ URLs moved under the invite's
 * basePath, and the bundle's files are served from there; the caller checks the invite first.
 */

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
const ASSET = /^assets\/([A-Za-z0-9_.-]{1,200})$/;

export interface GuestPageAt {
  /** Path after the invite prefix, no leading slash ('' for the page itself). */
  subPath: string;
  /** `/world-room/<roomId>/t/<token>/`: the bundle's files are served under it. */
  basePath: string;
  /** dist/renderer of the built studio. */
  rendererDir: string;
  /** Socket origins the page may open besides 'self' (e.g. `ws://<Host>`). */
  connectSrc: string[];
}

/** Same rules as the studio page: own scripts + wasm compile, no inline script, sockets only where the room lives. */
export function guestPageCsp(connectSrc: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Answers the page (subPath '') or a bundle file (assets/…); false when the path is neither. */
export function serveGuestPage(req: IncomingMessage, res: ServerResponse, at: GuestPageAt): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (at.subPath === '') {
    const index = join(at.rendererDir, 'index.html');
    if (!existsSync(index)) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('The studio page is not built on this server (run the build), so guests cannot join from a browser yet.');
      return true;
    }
    const html = readFileSync(index, 'utf8').replaceAll('"/assets/', `"${at.basePath}assets/`);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', guestPageCsp(at.connectSrc));
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }
  const m = ASSET.exec(at.subPath);
  if (!m) return false;
  const name = m[1]!;
  const file = join(at.rendererDir, 'assets', name);
  if (name.startsWith('.') || !existsSync(file)) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
    return true;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', TYPES[extname(name)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', statSync(file).size);
  // Hashed file names never change content; the token in the path keeps caches per invite.
  res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  // Streamed: the bundle's larger chunks (three.js, Rapier) should not block a relay serving many players.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
