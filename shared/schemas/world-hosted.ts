import { z } from 'zod';
import { Id } from './common.js';
import { HOSTED_ROOM_RULES, HostedRoom, HostedRoomInvite } from './relay-hosted-rooms.js';

/** "Host on community relay" from the World studio (issue 14): the host uploads the world to the signed-in relay. */
export const StartHostedWorldBody = z
  .object({
    worldId: Id,
    maxPlayers: z.number().int().min(1).max(HOSTED_ROOM_RULES.maxPlayers).default(HOSTED_ROOM_RULES.defaultMaxPlayers),
    inviteTtlSec: z.number().int().min(60).max(HOSTED_ROOM_RULES.maxInviteTtlSec).default(HOSTED_ROOM_RULES.defaultInviteTtlSec),
  })
  .strict();

export const HostedWorldStarted = z.object({
  relayUrl: z.string(),
  room: HostedRoom,
  invite: HostedRoomInvite,
  /** Assets whose GLB could not be sent (none stored, or over the relay's limit): players see their placeholders. */
  skippedAssets: z.array(z.object({ assetId: Id, reason: z.string() })),
});
export type HostedWorldStarted = z.infer<typeof HostedWorldStarted>;

export const HostedWorldList = z.object({ relayUrl: z.string(), rooms: z.array(HostedRoom) });
export type HostedWorldList = z.infer<typeof HostedWorldList>;

export const HostedWorldInviteBody = z
  .object({ inviteTtlSec: z.number().int().min(60).max(HOSTED_ROOM_RULES.maxInviteTtlSec).default(HOSTED_ROOM_RULES.defaultInviteTtlSec) })
  .strict();
