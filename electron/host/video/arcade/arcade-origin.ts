import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';

/**
 * The arcade origin: a second HTTP server on 127.0.0.1 (its own port, so a different origin from
 * the studio) that serves only /games/<id>/<file> of installed games. A game page therefore never
 * shares an origin, cookies, storage or a process with the studio: it cannot read the API token
 * or call the API, and a game that loops forever only stalls its own (site-isolated) frame.
 */

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The CSP of every game response: own files only, nothing to connect to, framed only by the studio. */
export function arcadeCsp(arcadeOrigin: string, studioOrigins: readonly string[]): string {
  const self = arcadeOrigin;
  return [
    `default-src 'none'`,
    // Inline and eval: many HTML5 game builds need them; the origin is isolated, so they reach nothing.
    `script-src ${self} 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `media-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `worker-src ${self} blob:`,
    `connect-src 'none'`,
    `frame-src 'none'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors ${studioOrigins.join(' ')}`,
  ].join('; ');
}

export interface ArcadeOriginOptions {
  /** Folder of an installed game, or null when the id is unknown. */
  gameDir: (id: string) => string | null;
  /** The studio's origins allowed to frame games (frame-ancestors). */
  studioOrigins: () => readonly string[];
}

export interface ArcadeOrigin {
  url: string;
  port: number;
  close(): Promise<void>;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: ArcadeOriginOptions, port: number): Promise<void> {
  // Only the loopback names on our port (a DNS-rebinding page would send its own host name).
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return plain(res, 421, 'Unknown host');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, 'Only GET and HEAD');
  }
  const path = (req.url ?? '/').split('?')[0]!;
  const m = /^\/games\/([A-Za-z0-9_-]{1,64})\/(.*)$/.exec(path);
  if (!m) return plain(res, 404, 'The arcade serves /games/<id>/<file> only');
  let rel: string;
  try {
    rel = decodeURIComponent(m[2] || 'index.html');
  } catch {
    return plain(res, 400, 'Bad path encoding');
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const parts = rel.split('/');
  if (rel.includes('\\') || rel.includes('\0') || parts.some((p) => p === '..' || p === '.' || p === '')) return plain(res, 404, 'Not found');
  const dir = opts.gameDir(m[1]!);
  if (!dir) return plain(res, 404, 'No such game');
  let file: string;
  let size: number;
  try {
    const root = await realpath(dir);
    file = await realpath(join(root, ...parts));
    if (!file.startsWith(root + sep)) return plain(res, 404, 'Not found');
    const st = await stat(file);
    if (!st.isFile()) return plain(res, 404, 'Not found');
    size = st.size;
  } catch {
    return plain(res, 404, 'Not found');
  }
  const origin = `http://127.0.0.1:${port}`;
  res.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': arcadeCsp(origin, opts.studioOrigins()),
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // Sandboxed frames have an opaque origin: module scripts and fonts are CORS requests from "null".
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-cache',
    // Ask for an origin-keyed agent cluster (and so its own process where the browser can give one).
    'Origin-Agent-Cluster': '?1',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/** Starts the arcade origin on 127.0.0.1 (port 0: a free one). */
export async function startArcadeOrigin(opts: ArcadeOriginOptions, port = 0): Promise<ArcadeOrigin> {
  let bound = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res, opts, bound).catch(() => (res.headersSent ? res.destroy() : plain(res, 500, 'Internal error')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
