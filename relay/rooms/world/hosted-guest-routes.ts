import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import express, { type Request, type Response, type Router } from 'express';
import { HOSTED_ROOMS_COLYSEUS_PATH } from '../../../shared/schemas/relay-hosted-rooms.js';
import { WORLD_ROOM_GUEST_SCOPE, worldRoomGuestPath } from '../../../shared/world/room-guest-path.js';
import { serveGuestPage } from '../../../rooms/world/guest-page.js';
import { sha256 } from '../../auth/tokens.js';
import type { RelayContext } from '../../context.js';
import { hostedRoomAssets, hostedRooms } from '../../db/schema.js';
import { sendError } from '../../http/errors.js';
import type { HostedRoomsLauncher } from './hosted-rooms-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const BAD_LINK = 'This invite link is not valid: it is wrong, expired or revoked, or the room has ended. Ask the host for a new link.';

/** dist/renderer of this package (the studio bundle the guest page runs), or RELAY_GUEST_PAGE_DIR. */
function defaultRendererDir(): string {
  if (process.env.RELAY_GUEST_PAGE_DIR) return process.env.RELAY_GUEST_PAGE_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'auteur-studio') return join(dir, 'dist', 'renderer');
    const up = dirname(dir);
    if (up === dir) return join(process.cwd(), 'dist', 'renderer');
    dir = up;
  }
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The browser way into a relay-hosted room (issue 14): /world-room/<roomId>/t/<invite>/ on the
 * relay's own origin serves the studio's world-room guest page (rooms/world/guest-page.ts, the
 * same page the desktop's LAN listener serves) and the relative endpoints it uses — session.json,
 * glb/<assetId>, colyseus/matchmake/{joinById,reconnect}/<this room> — mapped onto the hosted
 * room. The invite is checked against its stored hash on every request; a wrong, expired or
 * revoked one, or an ended room, is a 404 that confirms nothing. Nothing else of the relay is
 * reachable under the prefix. `?invite=` links redirect to the path form.
 */
export function hostedGuestRoutes(ctx: RelayContext, rooms: HostedRoomsLauncher, opts: { connectSrc: () => string[]; rendererDir?: string }): Router {
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  const r = express.Router();

  async function openRoom(roomId: string, token: string) {
    if (!UUID.test(roomId) || !TOKEN.test(token)) return null;
    const [row] = await ctx.db.select().from(hostedRooms).where(eq(hostedRooms.id, roomId.toLowerCase()));
    if (!row || row.endedAt || !row.inviteHash || row.inviteRevoked) return null;
    if (!row.inviteExpiresAt || row.inviteExpiresAt <= ctx.clock.now()) return null;
    return sameHash(row.inviteHash, sha256(token)) ? row : null;
  }

  function refuse(res: Response, page: boolean) {
    if (!page) return sendError(res, 404, 'invite_invalid', BAD_LINK);
    res.status(404).type('text/plain; charset=utf-8').send(BAD_LINK);
  }

  r.all(new RegExp(`^/${WORLD_ROOM_GUEST_SCOPE}/.*`), async (req: Request, res: Response) => {
    const parts = req.path.split('/').slice(2);
    const roomId = decodeURIComponent(parts[0] ?? '');
    // First load from a link or QR code: /world-room/<id>?invite=<token> → the path form.
    if (parts.length === 1 || (parts.length === 2 && parts[1] === '')) {
      const token = typeof req.query.invite === 'string' ? req.query.invite : '';
      if (!(await openRoom(roomId, token))) return refuse(res, true);
      res.setHeader('Cache-Control', 'no-store');
      return void res.redirect(302, worldRoomGuestPath(roomId, token));
    }
    if (parts[1] !== 't' || !parts[2]) return refuse(res, true);
    const token = decodeURIComponent(parts[2]);
    const subPath = parts.slice(3).join('/');
    if (parts.length === 3) return void res.redirect(302, worldRoomGuestPath(roomId, token));
    const row = await openRoom(roomId, token);
    if (!row) return refuse(res, subPath === '');
    const basePath = worldRoomGuestPath(row.id, token);

    if (serveGuestPage(req, res, { subPath, basePath, rendererDir, connectSrc: opts.connectSrc() })) return;
    if (subPath === 'session.json' && req.method === 'GET') {
      res.setHeader('Cache-Control', 'no-store');
      return void res.json({ id: row.id, worldId: row.id, worldName: row.worldName, maxPlayers: row.maxPlayers });
    }
    const glb = /^glb\/([^/]{1,200})$/.exec(subPath);
    if (glb && req.method === 'GET') {
      const assetId = decodeURIComponent(glb[1]!);
      const [asset] = await ctx.db
        .select()
        .from(hostedRoomAssets)
        .where(and(eq(hostedRoomAssets.roomId, row.id), eq(hostedRoomAssets.assetId, assetId)));
      if (!asset) return sendError(res, 404, 'not_found', 'This GLB has not been uploaded (players keep its placeholder)');
      res.setHeader('Content-Type', 'model/gltf-binary');
      res.setHeader('Cache-Control', 'private, max-age=3600, immutable');
      res.setHeader('ETag', `"${asset.sha256}"`);
      return void res.end(asset.data);
    }
    // colyseus.js asks for a seat here; the socket then opens at the address the seat names.
    const mm = /^colyseus\/matchmake\/(joinById|reconnect)\/([^/]+)$/.exec(subPath);
    if (mm && req.method === 'POST') {
      // Colyseus' matchmake answers are 200 {code, error} (4212: invalid room id); colyseus.js shows the message.
      if (mm[2]!.toLowerCase() !== row.id) return void res.json({ code: 4212, error: 'This invite is for another room' });
      const server = await rooms.get();
      req.url = `${HOSTED_ROOMS_COLYSEUS_PATH}/matchmake/${mm[1]}/${row.id}`;
      return void (await server.matchmake(req, res));
    }
    sendError(res, 404, 'not_found', 'Not found');
  });
  return r;
}
