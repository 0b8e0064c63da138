import { z } from 'zod';
import { CreatePartyBody, NewInviteBody, Party, PartyJoinInfo, PartyList } from '../schemas/video-party.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const P = { tag: 'video-party', auth: 'token' } as const;

/**
 * Watch party (issue 10). The studio user joins over /api/v1/video/parties/:id/ws?token=…;
 * guests open the invite link on the LAN listener (Settings → Share on my network) and join
 * over its /party/:id/t/<invite>/ws. Messages: shared/schemas/video-party.ts.
 */
export const VIDEO_PARTY_ROUTES = {
  'parties.create': {
    ...P, method: 'post', path: '/video/parties',
    summary: 'Start a watch party on a library video (with HLS) or a LiveLoop channel; makes its first invite link',
    body: CreatePartyBody, response: Party, status: 201,
  },
  'parties.list': { ...P, method: 'get', path: '/video/parties', summary: 'Running watch parties', response: PartyList },
  'parties.get': { ...P, method: 'get', path: '/video/parties/:id', summary: 'One party: members, host of the party, playback, invite, refused-message counts', params: IdParams, response: Party },
  'parties.join': {
    ...P, method: 'get', path: '/video/parties/:id/join',
    summary: 'Join link + QR code (SVG) for guests on the LAN; says when "Share on my network" is off',
    params: IdParams, response: PartyJoinInfo,
  },
  'parties.invite.new': { ...P, method: 'post', path: '/video/parties/:id/invite', summary: 'A fresh invite link (the previous one stops working)', params: IdParams, body: NewInviteBody, response: Party },
  'parties.invite.revoke': {
    ...P, method: 'delete', path: '/video/parties/:id/invite',
    summary: 'Revoke the invite: the link stops working and guests who came through it are disconnected',
    params: IdParams, response: Party,
  },
  'parties.close': { ...P, method: 'post', path: '/video/parties/:id/close', summary: 'End the party: everyone is disconnected and its invites revoked', params: IdParams, body: z.object({}).optional(), response: Party },
} as const satisfies Record<string, RouteSpec>;
