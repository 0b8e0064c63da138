import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import { worldRoomServer, type WorldRoomServer } from '../../world/room/room-server.js';
import type { RouteHandlers } from '../mount-routes.js';

function rooms(): WorldRoomServer {
  const r = worldRoomServer();
  if (!r) throw new AppError(503, 'not_available', 'World rooms are not running on this host');
  return r;
}

/** Hosting a world as a LAN session (shared/routes/world-room.ts). */
export function worldRoomRoutes(_ctx: HostContext): RouteHandlers {
  return {
    'worldRoom.sessions.start': ({ body }) => rooms().sessions.start(body),
    'worldRoom.sessions.list': () => ({ sessions: rooms().sessions.list() }),
    'worldRoom.sessions.get': ({ params }) => rooms().sessions.get(params.id),
    'worldRoom.sessions.stop': async ({ params }) => {
      await rooms().sessions.stop(params.id);
      return { ok: true as const };
    },
    'worldRoom.invite.create': ({ params, body }) => rooms().sessions.invite(params.id, body.ttlSec),
    'worldRoom.invite.revoke': ({ params }) => {
      rooms().sessions.revokeInvite(params.id);
      return { ok: true as const };
    },
    'worldRoom.stats': ({ params }) => rooms().sessions.room(params.id)?.devStats() ?? notHosted(params.id),
    'worldRoom.bodies': ({ params }) => rooms().sessions.room(params.id)?.bodiesReport() ?? notHosted(params.id),
  };
}

function notHosted(id: string): never {
  throw new AppError(404, 'not_found', `Hosted world session ${id} not found`);
}

/**
 * The Colyseus matchmake endpoint under /api/v1/world-room/colyseus, mounted before the API's
 * JSON body parser (Colyseus reads the body itself). 503 until the rooms have started.
 */
export function worldRoomColyseusHttp() {
  return (req: IncomingMessage, res: ServerResponse) => {
    const r = worldRoomServer();
    if (!r) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'application/json');
      return void res.end(JSON.stringify({ error: { code: 'not_available', message: 'World rooms are not running on this host' } }));
    }
    r.http(req, res);
  };
}
