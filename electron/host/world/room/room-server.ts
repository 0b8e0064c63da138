import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { matchMaker, Server as ColyseusServer } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { API_PREFIX } from '../../../../shared/routes.js';
import { MAX_CLIENT_BACKLOG_BYTES, MAX_CLIENT_FRAME_BYTES, ROOM_NAME } from '../../../../shared/world/room-protocol.js';
import { bearerFrom, checkHostAndOrigin, tokenMatches } from '../../api/security.js';
import { claimUpgrade } from '../../api/upgrade-claims.js';
import type { HostContext } from '../../host-context.js';
import { lanFor, type LanService } from '../../lan/lan-service.js';
import { setWorldRoomDeps } from '../../../../rooms/world/room-deps.js';
import { WorldRoom } from '../../../../rooms/world/world-room.js';
import { hostRoomDeps } from './room-host-deps.js';
import { worldRoomLanScope } from './room-lan.js';
import { RoomSessions } from './room-sessions.js';

/** Where the studio user's Colyseus client points (matchmake over HTTP, then the room socket). */
export const COLYSEUS_PATH = `${API_PREFIX}/world-room/colyseus`;

/** The matchmake calls a client may make: join a running room by id, or reconnect to it. Rooms are made by the host only. */
const MATCHMAKE = /\/matchmake\/(joinById|reconnect)\/([A-Za-z0-9_-]{1,64})$/;

function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(s) });
  res.end(s);
}

export interface WorldRoomServer {
  sessions: RoomSessions;
  /** Express/Node handler for COLYSEUS_PATH/* on the main host (mount before any body parser). */
  http(req: IncomingMessage, res: ServerResponse): void;
  /** Main host 'upgrade' listener: claims COLYSEUS_PATH sockets. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Matchmake + socket entry points shared by the main host and the LAN scope. */
  matchmake(req: IncomingMessage, res: ServerResponse, onlyRoom: string | null): void;
  acceptSocket(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

let running: WorldRoomServer | null = null;

/** The transport's ws server, so the host can hand it upgrades it has checked itself. */
class HostTransport extends WebSocketTransport {
  get sockets() {
    return this.wss;
  }
}

export function worldRoomServer(): WorldRoomServer | null {
  return running;
}

/**
 * Colyseus 0.16 on the host's own HTTP server (issue 12). Colyseus wants a server it owns; here
 * it gets a private, never-listening http.Server: its matchmaking routes hang on that server's
 * 'request' event and the WebSocketTransport's ws server on its upgrade, and the host forwards
 * only what it has checked — on the main host (127.0.0.1, Host/Origin guard, the API token) and
 * on the LAN listener's 'world-room' scope (party-lan's invite checks). Only joinById and
 * reconnect are forwarded: rooms are created by POST /world-room/sessions alone, one per world.
 */
export async function startWorldRooms(server: Server, ctx: HostContext, opts: { reconnectSec?: number; maxBacklogBytes?: number } = {}): Promise<WorldRoomServer> {
  if (running) return running;
  const internal = createServer();
  const transport = new HostTransport({ server: internal, maxPayload: MAX_CLIENT_FRAME_BYTES, pingInterval: 5000, pingMaxRetries: 3 });
  const colyseus = new ColyseusServer({ transport, gracefullyShutdown: false, greet: false });
  let lan: LanService | null = null;
  try {
    lan = lanFor(ctx);
  } catch (err) {
    ctx.logger.warn(`world rooms: no LAN listener (${(err as Error).message}); guests cannot join`);
  }
  const createKey = randomBytes(16).toString('hex');
  setWorldRoomDeps(
    hostRoomDeps(ctx, lan, {
      reconnectSec: opts.reconnectSec ?? Number(process.env.AUTEUR_ROOM_RECONNECT_SEC ?? 30),
      maxBacklogBytes: opts.maxBacklogBytes ?? Number(process.env.AUTEUR_ROOM_MAX_BACKLOG ?? MAX_CLIENT_BACKLOG_BYTES),
      createKey,
    }),
  );
  colyseus.define(ROOM_NAME, WorldRoom);
  await matchMaker.accept();
  // Starts the transport's ping of idle sockets (it waits for its server's 'listening').
  internal.emit('listening');

  const sessions = new RoomSessions(ctx, lan, createKey);
  const self: WorldRoomServer = {
    sessions,
    matchmake(req, res, onlyRoom) {
      const m = MATCHMAKE.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (req.method !== 'POST' || !m) return sendJson(res, 404, { error: { code: 'not_found', message: 'Only matchmake/joinById/<roomId> and matchmake/reconnect/<roomId> are served here' } });
      if (onlyRoom && m[2] !== onlyRoom) return sendJson(res, 403, { error: { code: 'invite_wrong_scope', message: 'This invite is for another world' } });
      internal.emit('request', req, res);
    },
    acceptSocket(req, socket, head) {
      transport.sockets.handleUpgrade(req, socket, head, (ws) => transport.sockets.emit('connection', ws, req));
    },
    http(req, res) {
      if (!tokenMatches(bearerFrom(req), ctx.origin.token)) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Missing or wrong access token' } });
      // Only the LAN scope may speak for an invite.
      delete req.headers['x-world-room-invite'];
      self.matchmake(req, res, null);
    },
    upgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(`${COLYSEUS_PATH}/`)) return;
      claimUpgrade(req);
      const why = checkHostAndOrigin(req, ctx.origin.port);
      if (why) return reject(socket, 403, 'forbidden_origin', why);
      if (!tokenMatches(bearerFrom(req) ?? url.searchParams.get('_authToken'), ctx.origin.token)) return reject(socket, 401, 'unauthorized', 'Missing or wrong access token');
      delete req.headers['x-world-room-invite'];
      self.acceptSocket(req, socket, head);
    },
    async close() {
      server.off('upgrade', self.upgrade);
      unregister?.();
      // Rooms save their world on dispose; the sessions list stays, so a restart brings them back.
      await matchMaker.gracefullyShutdown().catch(() => undefined);
      for (const c of transport.sockets.clients) c.terminate();
      transport.sockets.close();
      internal.emit('close');
      setWorldRoomDeps(null);
      running = null;
    },
  };
  server.on('upgrade', self.upgrade);
  const unregister = lan?.registerScope(worldRoomLanScope(self, ctx));
  running = self;
  await sessions.restore();
  return self;
}
