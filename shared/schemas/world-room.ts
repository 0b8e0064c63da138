import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { QUOTAS } from '../world/room-protocol.js';

/**
 * A hosted world session ("Invite players"): one Colyseus room per world on the host. The
 * studio user joins through the host's own address with its API token; LAN guests through the
 * LAN listener with an invite (scope 'world-room', resource = the session id).
 */
export const StartWorldRoomBody = z
  .object({
    worldId: Id,
    maxPlayers: z.number().int().min(1).max(QUOTAS.maxPlayersLimit).default(QUOTAS.defaultMaxPlayers),
    /** Make an invite on the LAN listener at once (needs "Share on my network" on). */
    invite: z.boolean().default(true),
    /** Invite lifetime in seconds (default 6 h). */
    inviteTtlSec: z.number().int().min(60).max(7 * 24 * 3600).default(6 * 3600),
  })
  .strict();
export type StartWorldRoomBody = z.infer<typeof StartWorldRoomBody>;

export const CreateWorldRoomInviteBody = z.object({ ttlSec: z.number().int().min(60).max(7 * 24 * 3600).default(6 * 3600) }).strict();

export const WorldRoomInvite = z.object({
  /** What a guest opens: the LAN page of the session with the invite token. */
  url: z.string(),
  /** The same link as a QR code (SVG markup). */
  qrSvg: z.string(),
  expiresAt: IsoDate,
  /** Id of the invite (for revoke); the token itself is only in url. */
  inviteId: z.string(),
});
export type WorldRoomInvite = z.infer<typeof WorldRoomInvite>;

export const WorldRoomPlayer = z.object({ sessionId: z.string(), name: z.string(), isHost: z.boolean(), connected: z.boolean(), holding: z.string().nullable() });

export const WorldRoomSession = z.object({
  /** The Colyseus room id: join with `client.joinById(id, JoinOptions)`. */
  id: z.string(),
  worldId: Id,
  worldName: z.string(),
  maxPlayers: z.number().int(),
  players: z.array(WorldRoomPlayer),
  createdAt: IsoDate,
  /** Colyseus endpoint for the studio user (host address; the API token goes in client.auth.token). */
  endpoint: z.string(),
  /** Colyseus endpoint path on the LAN listener for guests (null while LAN sharing is off). */
  lanEndpoint: z.string().nullable(),
  invite: WorldRoomInvite.nullable(),
  /** Why there is no invite (LAN sharing off), so the UI can say what to do. */
  inviteProblem: z.string().nullable(),
});
export type WorldRoomSession = z.infer<typeof WorldRoomSession>;

export const WorldRoomSessionList = z.object({ sessions: z.array(WorldRoomSession) });

/** The host's own view of the shared bodies at its last patch (tests and the dev panel compare against it). */
export const WorldRoomBodies = z.object({
  tick: z.number().int(),
  hash: z.string(),
  count: z.number().int(),
  bodies: z.array(z.object({ id: z.string(), position: z.tuple([z.number(), z.number(), z.number()]), rotation: z.tuple([z.number(), z.number(), z.number(), z.number()]), holder: z.string(), sleeping: z.boolean() })),
});
