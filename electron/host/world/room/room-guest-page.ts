import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveGuestPage } from '../../../../rooms/world/guest-page.js';
import type { LanRequestContext } from '../../lan/lan-types.js';
import { RENDERER_DIR } from '../../package-root.js';

/**
 * The world-room guest page on the LAN listener (rooms/world/guest-page.ts serves it, the relay
 * uses the same code for hosted rooms): sockets go back to the LAN host the page came from.
 */
export function serveRoomGuestPage(req: IncomingMessage, res: ServerResponse, at: LanRequestContext): boolean {
  return serveGuestPage(req, res, { subPath: at.subPath, basePath: at.basePath, rendererDir: RENDERER_DIR, connectSrc: [`ws://${req.headers.host ?? ''}`] });
}
