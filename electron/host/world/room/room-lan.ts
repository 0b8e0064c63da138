import type { HostContext } from '../../host-context.js';
import type { LanScope } from '../../lan/lan-types.js';
import { worldServices } from '../services.js';
import { serveRoomGuestPage } from './room-guest-page.js';
import type { WorldRoomServer } from './room-server.js';

const GLB = /^glb\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The 'world-room' scope on party-lan's LAN listener. Under /world-room/<worldId>/t/<token>/ a
 * guest with a valid invite for that world reaches only: colyseus/… (joinById/reconnect of that
 * world's room, and its socket), glb/<assetId> (assets shown in that world, by id), session.json,
 * and the world page itself (room-guest-page.ts: index.html + the renderer's hashed assets).
 * The invite token is handed to the room's onAuth as a header, which the main host strips.
 */
export function worldRoomLanScope(rooms: WorldRoomServer, ctx: HostContext): LanScope {
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  };
  return {
    name: 'world-room',
    http(req, res, at) {
      const id = at.grant.resourceId;
      const room = rooms.sessions.room(id);
      if (!room) return json(res, 404, { error: { code: 'not_hosted', message: 'This world is not being hosted right now: ask the host to start it again' } });
      if (at.subPath === 'session.json') return json(res, 200, { id, worldId: id, worldName: room.worldName, maxPlayers: room.maxPlayers });
      if (at.subPath.startsWith('colyseus/')) {
        req.headers['x-world-room-invite'] = at.grant.token;
        return rooms.matchmake(req, res, id);
      }
      const glb = GLB.exec(at.subPath);
      if (glb && req.method === 'GET') {
        const assetId = glb[1]!;
        const s = worldServices(ctx);
        // Narrow: only assets that entities of this world show.
        if (!s.entities.list(id).some((e) => e.assetId === assetId)) return json(res, 404, { error: { code: 'not_found', message: `Asset ${assetId} is not in this world` } });
        const bytes = s.assets.glb(assetId);
        res.statusCode = 200;
        res.setHeader('Content-Type', 'model/gltf-binary');
        res.setHeader('Content-Length', String(bytes.byteLength));
        res.setHeader('Cache-Control', 'private, max-age=3600');
        return void res.end(bytes);
      }
      if (serveRoomGuestPage(req, res, at)) return;
      return json(res, 404, { error: { code: 'not_found', message: 'Not found' } });
    },
    upgrade(req, socket, head, at) {
      const room = rooms.sessions.room(at.grant.resourceId);
      const m = /\/colyseus\/[A-Za-z0-9_-]+\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!room || !m || m[1] !== at.grant.resourceId) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      req.headers['x-world-room-invite'] = at.grant.token;
      rooms.acceptSocket(req, socket, head);
    },
  };
}
