import { HostedRoom, HostedRoomInvite } from '../schemas/relay-hosted-rooms.js';
import { HostedWorldInviteBody, HostedWorldList, HostedWorldStarted, StartHostedWorldBody } from '../schemas/world-hosted.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const R = { tag: 'world', auth: 'token' } as const;

/**
 * Hosting a world on the community relay (issue 14): the host uploads the world's snapshot and
 * GLBs with the stored community session; players join the relay's room by id + invite.
 */
export const WORLD_HOSTED_ROUTES = {
  'worldHosted.rooms.start': {
    ...R, method: 'post', path: '/world-hosted/rooms',
    summary: 'Host on community relay: upload the world (entities, terrain, GLBs) to the signed-in relay and get an invite (needs Pro or Studio there)',
    body: StartHostedWorldBody, response: HostedWorldStarted, status: 201,
  },
  'worldHosted.rooms.list': { ...R, method: 'get', path: '/world-hosted/rooms', summary: 'Your hosted rooms on the relay', response: HostedWorldList },
  'worldHosted.rooms.end': { ...R, method: 'delete', path: '/world-hosted/rooms/:id', summary: 'End a hosted room: players are disconnected, joins refused', params: IdParams, response: HostedRoom },
  'worldHosted.invite.create': {
    ...R, method: 'post', path: '/world-hosted/rooms/:id/invite', summary: 'A new invite for a hosted room (the old one stops working)',
    params: IdParams, body: HostedWorldInviteBody, response: HostedRoomInvite, status: 201,
  },
} as const satisfies Record<string, RouteSpec>;
