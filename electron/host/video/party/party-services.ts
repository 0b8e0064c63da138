import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import type { PartyJoinInfo } from '../../../../shared/schemas/video-party.js';
import type { HostContext } from '../../host-context.js';
import { lanFor } from '../../lan/lan-service.js';
import { liveHlsHandler } from '../../video/liveloop/live-handler.js';
import { videoServices } from '../services.js';
import { PartyHub } from './party-hub.js';
import { partyLanScope, type PartyMediaSource } from './party-lan-scope.js';
import { PartyService } from './party-service.js';

export interface PartyServices {
  parties: PartyService;
  hub: PartyHub;
  /** Null when channel parties cannot be served (LiveLoop's live handler is absent). */
  source: PartyMediaSource;
  joinInfo(id: string): Promise<PartyJoinInfo>;
}

const byRoot = new Map<string, PartyServices>();

/** One party service per host, its hub, and the 'party' scope registered on the LAN listener. */
export function partyServices(ctx: HostContext): PartyServices {
  const existing = byRoot.get(ctx.dataDir.root);
  if (existing) return existing;
  const lan = lanFor(ctx);
  const parties = new PartyService(lan);
  const hub = new PartyHub(parties, ctx.logger);
  const videos = videoServices(ctx);
  const source: PartyMediaSource = {
    videoMaster: (videoId) => videos.reader.get(videoId).hlsMasterMediaId,
    channelLive: liveOverLan(ctx),
  };
  lan.registerScope(partyLanScope(parties, hub, ctx.media, source));
  const joinInfo = async (id: string): Promise<PartyJoinInfo> => {
    const party = parties.get(id);
    const invite = party.closedAt ? null : parties.inviteToken(id);
    const status = lan.status();
    const path = `/party/${party.id}?invite=${invite?.token ?? ''}`;
    const urls = status.running && invite ? (status.urls.length ? status.urls : [`http://127.0.0.1:${status.port}`]).map((u) => u + path) : [];
    const url = urls[0] ?? null;
    const message = party.closedAt
      ? 'This party has ended'
      : !invite
        ? 'The invite was revoked; make a new link to let people join'
        : !status.running
          ? 'Turn on Settings → Share on my network so people on your network can join'
          : !status.addresses.length
            ? 'This machine has no LAN address; only this computer can open the link'
            : undefined;
    return {
      partyId: party.id,
      lanRunning: status.running,
      url,
      urls,
      qrSvg: url ? await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null,
      expiresAt: invite?.expiresAt ?? null,
      ...(message ? { message } : {}),
    };
  };
  const services = { parties, hub, source, joinInfo };
  byRoot.set(ctx.dataDir.root, services);
  return services;
}

/**
 * LiveLoop's live HLS handler (written for express responses) behind the party invite: a small
 * express app gives the LAN's plain node request/response the helpers it uses.
 */
function liveOverLan(ctx: HostContext): PartyMediaSource['channelLive'] {
  const handler = liveHlsHandler(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const at = new WeakMap<IncomingMessage, { channelId: string; name: string }>();
  app.use((req, res, next) => {
    const where = at.get(req);
    if (!where) return next();
    handler(where.channelId, where.name, res).catch(next);
  });
  return (channelId: string, name: string, req: IncomingMessage, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      at.set(req, { channelId, name });
      res.once('close', () => resolve());
      app(req as express.Request, res as express.Response, () => {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
        resolve();
      });
    });
}

/** Host shutdown: close every party socket. */
export function closeParties(ctx: { dataDir: { root: string } }): void {
  const s = byRoot.get(ctx.dataDir.root);
  byRoot.delete(ctx.dataDir.root);
  s?.parties.dispose();
  s?.hub.close();
}
