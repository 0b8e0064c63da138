import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { matchMaker, Server as ColyseusServer, type MatchMakerDriver, type Presence } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { and, eq, isNull } from 'drizzle-orm';
import { WorldRoom } from '../../../rooms/world/world-room.js';
import { HOSTED_ROOMS_COLYSEUS_PATH } from '../../../shared/schemas/relay-hosted-rooms.js';
import { MAX_CLIENT_BACKLOG_BYTES, MAX_CLIENT_FRAME_BYTES, ROOM_NAME } from '../../../shared/world/room-protocol.js';
import type { RelayContext } from '../../context.js';
import { hostedRooms } from '../../db/schema.js';
import { HttpError } from '../../http/errors.js';
import { hostedCreateKey, hostedRoomDeps } from './hosted-room-deps.js';
import { HostedWorldStore, savingKey } from './hosted-store.js';
import { setWorldRoomDeps } from '../../../rooms/world/room-deps.js';

/** The matchmake calls a client may make: join a hosted room by id, or reconnect to it. */
const MATCHMAKE = /\/matchmake\/(joinById|reconnect)\/([0-9a-f-]{36})$/;

let store: HostedWorldStore | null = null;

/**
 * A world room run by the relay: the same room core as the desktop host's, but it closes when
 * its last player leaves (saving the world to Postgres first) and opens again, from Postgres, on
 * the next join — a hosted room costs the relay CPU only while someone plays in it.
 */
class HostedWorldRoom extends WorldRoom {
  override async onCreate(options: Parameters<WorldRoom['onCreate']>[0]): Promise<void> {
    await super.onCreate(options);
    this.autoDispose = true;
    // Setting autoDispose arms a 1 s empty-room timer; the player whose join opened it needs the seat-reservation time.
    this.resetAutoDisposeTimeout(this.seatReservationTime);
  }
  override async onLeave(client: Parameters<WorldRoom['onLeave']>[0], consented: boolean): Promise<void> {
    await super.onLeave(client, consented);
    if (this.clients.length === 0) await this.presence.setex(savingKey(this.worldId), '1', 10);
  }
  override async onDispose(): Promise<void> {
    await super.onDispose();
    await store?.unload(this.worldId);
  }
}

class RelayTransport extends WebSocketTransport {
  get sockets() {
    return this.wss;
  }
}

/** Colyseus' matchmake protocol answers 200 with {code, error}; colyseus.js turns that into a MatchMakeError with the message. */
function refuseMatchmake(res: ServerResponse, code: number, message: string): void {
  sendJson(res, 200, { code, error: message });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(s) });
  res.end(s);
}

export interface HostedRoomsServer {
  /** This process's address as players' sockets reach it (host:port/path, no scheme). */
  publicAddress: string;
  redis: boolean;
  /** Handles HOSTED_ROOMS_COLYSEUS_PATH/matchmake/* (req.url the full path). */
  matchmake(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Whether a hosted room is running now, in any relay process. */
  isRunning(roomId: string): Promise<boolean>;
  /** Closes a running room (wherever it runs) after an owner ended it. */
  shut(roomId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Colyseus 0.16 on the relay's HTTP server (issue 14 hosted rooms). Like the desktop host, the
 * transport hangs on a private never-listening http.Server and the relay forwards only checked
 * matchmake calls and sockets under HOSTED_ROOMS_COLYSEUS_PATH. With REDIS_URL the processes
 * share Colyseus' presence and room listings (@colyseus/redis-presence, -driver): a join asked of
 * process A reserves a seat in the room living in process B, and the reservation names B's
 * publicAddress, where the client then opens its socket.
 */
export async function startHostedRooms(ctx: RelayContext, server: Server, publicAddress: string): Promise<HostedRoomsServer> {
  const internal = createServer();
  const transport = new RelayTransport({ server: internal, maxPayload: MAX_CLIENT_FRAME_BYTES, pingInterval: 5000, pingMaxRetries: 3 });
  const redisUrl = ctx.config.redisUrl;
  const presence: Presence | undefined = redisUrl ? new RedisPresence(redisUrl) : undefined;
  const driver: MatchMakerDriver | undefined = redisUrl ? new RedisDriver(redisUrl) : undefined;
  const colyseus = new ColyseusServer({ transport, presence, driver, publicAddress, gracefullyShutdown: false, greet: false });
  store = new HostedWorldStore(ctx);
  setWorldRoomDeps(
    hostedRoomDeps(ctx, store, {
      reconnectSec: Number(process.env.RELAY_ROOM_RECONNECT_SEC ?? 30),
      maxBacklogBytes: Number(process.env.RELAY_ROOM_MAX_BACKLOG ?? MAX_CLIENT_BACKLOG_BYTES),
    }),
  );
  colyseus.define(ROOM_NAME, HostedWorldRoom);
  await matchMaker.accept();
  internal.emit('listening');
  const createKey = hostedCreateKey(ctx);

  const isRunning = async (roomId: string) => (await matchMaker.query({ roomId })).length > 0;

  /** Opens the room if no process runs it; a Redis counter keeps two processes from both opening it. */
  async function ensureRoom(roomId: string, maxPlayers: number): Promise<void> {
    if (await isRunning(roomId)) return;
    const p = matchMaker.presence;
    const lock = `hosted-room-open:${roomId}`;
    const mine = (await p.incr(lock)) === 1;
    if (mine) {
      await p.expire(lock, 15);
      try {
        if (!(await isRunning(roomId))) await matchMaker.createRoom(ROOM_NAME, { worldId: roomId, maxPlayers, createKey });
      } finally {
        await p.del(lock);
      }
      return;
    }
    for (let i = 0; i < 50 && !(await isRunning(roomId)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // The relay has no other sockets: anything else is refused rather than left hanging.
    if (!path.startsWith(`${HOSTED_ROOMS_COLYSEUS_PATH}/`)) return void socket.destroy();
    transport.sockets.handleUpgrade(req, socket, head, (ws) => transport.sockets.emit('connection', ws, req));
  };
  server.on('upgrade', upgrade);

  return {
    publicAddress,
    redis: Boolean(redisUrl),
    async matchmake(req, res) {
      if (req.method === 'OPTIONS') return void internal.emit('request', req, res);
      const m = MATCHMAKE.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (req.method !== 'POST' || !m) return sendJson(res, 404, { error: { code: 'not_found', message: 'Only matchmake/joinById/<roomId> and matchmake/reconnect/<roomId> are served here' } });
      // 4212: Colyseus' "invalid room id" code.
      const roomId = m[2]!;
      const [row] = await ctx.db
        .select({ maxPlayers: hostedRooms.maxPlayers })
        .from(hostedRooms)
        .where(and(eq(hostedRooms.id, roomId), isNull(hostedRooms.endedAt)));
      if (!row) return refuseMatchmake(res, 4212, 'No open hosted room with this id (it may have ended)');
      if (m[1] === 'joinById') {
        try {
          await ensureRoom(roomId, row.maxPlayers);
        } catch (err) {
          ctx.log(`hosted room ${roomId}: could not open: ${(err as Error).stack ?? err}`);
          return refuseMatchmake(res, 4212, `The relay could not open this room: ${(err as Error).message}`);
        }
      }
      internal.emit('request', req, res);
    },
    isRunning,
    async shut(roomId) {
      const local = matchMaker.getLocalRoomById(roomId);
      if (local) return void (await local.disconnect(4000));
      if (await isRunning(roomId)) await matchMaker.remoteRoomCall(roomId, 'disconnect', [4000]).catch(() => undefined);
    },
    async close() {
      server.off('upgrade', upgrade);
      await matchMaker.gracefullyShutdown().catch(() => undefined);
      for (const c of transport.sockets.clients) c.terminate();
      transport.sockets.close();
      internal.emit('close');
      setWorldRoomDeps(null);
      store = null;
    },
  };
}

export interface HostedRoomsLauncher {
  /** The rooms server, started on first use (the relay's tests that never host a room never start Colyseus). */
  get(): Promise<HostedRoomsServer>;
  close(): Promise<void>;
}

/** Colyseus' matchmaker is one per process: the first relay in a process hosts rooms, others answer 503. */
let processOwner: RelayContext | null = null;

export function hostedRoomsLauncher(ctx: RelayContext, where: () => { server: Server; publicAddress: string } | null): HostedRoomsLauncher {
  let started: Promise<HostedRoomsServer> | null = null;
  return {
    get() {
      if (started) return started;
      const w = where();
      if (!w) return Promise.reject(new HttpError(503, 'rooms_unavailable', 'The relay is still starting'));
      if (processOwner && processOwner !== ctx) return Promise.reject(new HttpError(503, 'rooms_unavailable', 'Another relay in this process hosts the rooms'));
      processOwner = ctx;
      started = startHostedRooms(ctx, w.server, w.publicAddress).catch((err) => {
        started = null;
        processOwner = null;
        throw err;
      });
      return started;
    },
    async close() {
      if (!started) return;
      const s = await started.catch(() => null);
      started = null;
      await s?.close();
      if (processOwner === ctx) processOwner = null;
    },
  };
}
