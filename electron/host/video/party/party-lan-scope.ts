import { createReadStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MediaStore } from '../../media/media-store.js';
import type { LanRequestContext, LanScope } from '../../lan/lan-types.js';
import { GUEST_CSS, GUEST_SCRIPT, guestCsp, guestHtml, guestScriptBuilt } from './guest-page.js';
import type { PartyHub } from './party-hub.js';
import { hlsPackageIds } from './party-media.js';
import { PARTY_SCOPE, type PartyService } from './party-service.js';

export interface PartyMediaSource {
  /** The library video's HLS master media id, or null when it has none. */
  videoMaster(videoId: string): string | null;
  /** Serves a channel's live HLS file (LiveLoop), or null when channels cannot be served. */
  channelLive?: (channelId: string, name: string, req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
const notFound = (res: ServerResponse) => send(res, 404, 'application/json', JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));

/**
 * The watch party on the LAN listener: the guest page, its script and styles, the party's media
 * (only the files of its video's HLS package, or its channel's live stream) and the party socket.
 */
export function partyLanScope(parties: PartyService, hub: PartyHub, media: MediaStore, source: PartyMediaSource): LanScope {
  const packages = new Map<string, Set<string>>();
  const allowed = (partyId: string, videoId: string): Set<string> => {
    let ids = packages.get(partyId);
    if (!ids) {
      const master = source.videoMaster(videoId);
      ids = master ? hlsPackageIds(media, master) : new Set();
      packages.set(partyId, ids);
    }
    return ids;
  };
  return {
    name: PARTY_SCOPE,
    async http(req: IncomingMessage, res: ServerResponse, at: LanRequestContext) {
      const party = parties.find(at.grant.resourceId);
      if (!party || party.closedAt) return send(res, 410, 'application/json', JSON.stringify({ error: { code: 'party_closed', message: 'This party has ended' } }));
      if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
      // First load from the link: move the token into the path so relative URLs carry it.
      if (at.viaQuery) {
        res.writeHead(302, { Location: at.basePath });
        return res.end();
      }
      const sub = at.subPath;
      if (sub === '') {
        res.setHeader('Content-Security-Policy', guestCsp(req.headers.host ?? ''));
        return send(res, 200, 'text/html; charset=utf-8', guestHtml());
      }
      if (sub === 'guest.css') return send(res, 200, 'text/css; charset=utf-8', GUEST_CSS);
      if (sub === 'guest.js') {
        if (!guestScriptBuilt()) return send(res, 503, 'text/plain', 'The guest player is not built (run the build)');
        return send(res, 200, 'text/javascript; charset=utf-8', readFileSync(GUEST_SCRIPT));
      }
      const file = /^media\/([A-Za-z0-9_-]{1,64})\/file$/.exec(sub);
      if (file && party.target.kind === 'video') {
        // media/master/file: the guest page knows the party, not the media ids; siblings resolve to media/<id>/file.
        const id = file[1] === 'master' ? source.videoMaster(party.target.videoId) ?? '' : file[1]!;
        const row = allowed(party.id, party.target.videoId).has(id) ? media.get(id) : undefined;
        if (!row) return notFound(res);
        res.writeHead(200, { 'Content-Type': row.mime, 'Cache-Control': 'private, max-age=3600' });
        if (req.method === 'HEAD') return res.end();
        return pipeline(createReadStream(media.absolutePath(row)), res).catch(() => res.destroy());
      }
      const live = /^live\/([A-Za-z0-9_.-]{1,80})$/.exec(sub);
      if (live && party.target.kind === 'channel' && source.channelLive) return source.channelLive(party.target.channelId, live[1]!, req, res);
      return notFound(res);
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, at: LanRequestContext) {
      const party = parties.find(at.grant.resourceId);
      if (at.subPath !== 'ws' || !party || party.closedAt) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      hub.accept(req, socket, head, party.id, 'lan');
    },
  };
}
