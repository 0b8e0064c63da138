import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_PREFIX } from '../../../../shared/routes.js';
import { checkHostAndOrigin, tokenMatches } from '../../api/security.js';
import { claimUpgrade } from '../../api/upgrade-claims.js';
import type { HostContext } from '../../host-context.js';
import { partyServices } from './party-services.js';

const PATH = new RegExp(`^${API_PREFIX}/video/parties/([A-Za-z0-9_-]{1,64})/ws$`);

function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The studio user's party socket on the main host: /api/v1/video/parties/:id/ws?token=<API token>
 * (browsers cannot set headers on a WebSocket), behind the same Host/Origin guard as the API.
 */
export function attachPartySocket(server: Server, ctx: HostContext): () => void {
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = PATH.exec(url.pathname);
    if (!m) return;
    claimUpgrade(req);
    const why = checkHostAndOrigin(req, ctx.origin.port);
    if (why) return reject(socket, 403, 'forbidden_origin', why);
    if (!tokenMatches(url.searchParams.get('token'), ctx.origin.token)) return reject(socket, 401, 'unauthorized', 'Missing or wrong access token');
    const { parties, hub } = partyServices(ctx);
    const party = parties.find(m[1]!);
    if (!party) return reject(socket, 404, 'not_found', 'No such party');
    if (party.closedAt) return reject(socket, 410, 'party_closed', 'This party has ended');
    hub.accept(req, socket, head, party.id, 'studio');
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}
