import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerEvent } from '../../../shared/events.js';
import { API_PREFIX } from '../../../shared/routes.js';
import type { HostContext } from '../host-context.js';
import { bearerFrom, checkHostAndOrigin, tokenMatches } from './security.js';
import { isUpgradeClaimed } from './upgrade-claims.js';

const PATH = `${API_PREFIX}/events`;

const STATUS: Record<number, [string, string]> = { 401: ['Unauthorized', 'unauthorized'], 403: ['Forbidden', 'forbidden_origin'], 404: ['Not Found', 'not_found'] };

function reject(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const [text, code] = STATUS[status]!;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * /api/v1/events: typed server events over WebSocket. Browsers cannot set headers on a
 * WebSocket, so the token may come as ?token= (loopback only) or as a Bearer header.
 */
export function attachEventsSocket(server: Server, ctx: HostContext): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH) return void setImmediate(() => isUpgradeClaimed(req) || reject(socket, 404, 'No WebSocket endpoint here'));
    const why = checkHostAndOrigin(req, ctx.origin.port);
    if (why) return reject(socket, 403, why);
    if (!tokenMatches(bearerFrom(req) ?? url.searchParams.get('token'), ctx.origin.token)) return reject(socket, 401, 'Missing or wrong access token');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  };
  const serve = (ws: WebSocket) => {
    const send = (e: ServerEvent) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(e));
    };
    send({ type: 'hello', version: ctx.version, serverTime: new Date().toISOString() });
    const unsubscribe = ctx.bus.subscribe(send);
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    // Clients only listen; anything they send is ignored.
    ws.on('message', () => undefined);
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const c of wss.clients) c.terminate();
    wss.close();
  };
}
