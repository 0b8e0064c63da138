import { Ok } from '../schemas/common.js';
import { CreateWorldRoomInviteBody, StartWorldRoomBody, WorldRoomBodies, WorldRoomInvite, WorldRoomSession, WorldRoomSessionList } from '../schemas/world-room.js';
import { DevStats } from '../world/room-protocol.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const R = { tag: 'world', auth: 'token' } as const;

/**
 * Hosting a world as a LAN session (issue 12). The room itself speaks the Colyseus protocol at
 * /api/v1/world-room/colyseus (matchmake over HTTP, then a WebSocket), which is not a typed
 * route: see shared/world/room-protocol.ts for its messages.
 */
export const WORLD_ROOM_ROUTES = {
  'worldRoom.sessions.start': {
    ...R, method: 'post', path: '/world-room/sessions',
    summary: 'Invite players: host the world as a room (one per world; starting it again returns the running one) and make a LAN invite',
    body: StartWorldRoomBody, response: WorldRoomSession, status: 201,
  },
  'worldRoom.sessions.list': { ...R, method: 'get', path: '/world-room/sessions', summary: 'Hosted world sessions', response: WorldRoomSessionList },
  'worldRoom.sessions.get': { ...R, method: 'get', path: '/world-room/sessions/:id', summary: 'A hosted session with its players and invite', params: IdParams, response: WorldRoomSession },
  'worldRoom.sessions.stop': {
    ...R, method: 'delete', path: '/world-room/sessions/:id',
    summary: 'Stop hosting: the world is saved, every player is disconnected and the invites revoked', params: IdParams, response: Ok,
  },
  'worldRoom.invite.create': {
    ...R, method: 'post', path: '/world-room/sessions/:id/invite', summary: 'A new invite link + QR for the session (the old one is revoked)',
    params: IdParams, body: CreateWorldRoomInviteBody, response: WorldRoomInvite, status: 201,
  },
  'worldRoom.invite.revoke': { ...R, method: 'delete', path: '/world-room/sessions/:id/invite', summary: 'Revoke the session invite (guests already in stay; new joins are refused)', params: IdParams, response: Ok },
  'worldRoom.stats': { ...R, method: 'get', path: '/world-room/sessions/:id/stats', summary: 'Dev stats: tick time, bytes/s and entities per client, authority map, room jobs', params: IdParams, response: DevStats },
  'worldRoom.bodies': { ...R, method: 'get', path: '/world-room/sessions/:id/bodies', summary: "The host's shared bodies at its last patch, with their state hash", params: IdParams, response: WorldRoomBodies },
} as const satisfies Record<string, RouteSpec>;
