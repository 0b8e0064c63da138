import { createHmac, timingSafeEqual } from 'node:crypto';
import { ServerError, type AuthContext } from '@colyseus/core';
import { eq } from 'drizzle-orm';
import { Refusal } from '../../../rooms/world/authority.js';
import type { RoomAuth, WorldRoomDeps } from '../../../rooms/world/room-deps.js';
import type { JoinOptions } from '../../../shared/world/room-protocol.js';
import { sha256, verifyAccess } from '../../auth/tokens.js';
import type { RelayContext } from '../../context.js';
import { hostedRooms } from '../../db/schema.js';
import type { HostedWorldStore } from './hosted-store.js';

/** The message a player gets for a prompt in a hosted room (the relay runs no generator). */
export const NO_GENERATOR =
  'This world is hosted on the community relay, which has no generator: prompts cannot make new objects here. The owner can generate in the studio and host the world again.';

/**
 * The key rooms are created with. Every relay process sharing the database derives the same one
 * (a room may be created by a process other than the one that asked, through Redis), and no
 * client can know it.
 */
export function hostedCreateKey(ctx: RelayContext): string {
  return createHmac('sha256', ctx.jwtKey).update('hosted-world-room-create').digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who may join a hosted room: the owner signed in (their relay access token, as the Colyseus
 * client's authToken) joins as host; anyone else needs the room's current invite, checked
 * against the database on every join so a revoke or a new invite made on another relay
 * process counts at once.
 */
export async function authenticateHosted(ctx: RelayContext, roomId: string, options: JoinOptions, context: AuthContext): Promise<RoomAuth> {
  const [row] = await ctx.db.select().from(hostedRooms).where(eq(hostedRooms.id, roomId));
  if (!row || row.endedAt) throw new ServerError(404, 'This hosted room has ended');
  if (context.token) {
    let sub: string;
    try {
      sub = (await verifyAccess(ctx, context.token)).sub;
    } catch {
      throw new ServerError(401, 'Your relay sign-in is not valid any more: sign in again');
    }
    if (sub === row.ownerId) return { isHost: true, inviteId: null };
  }
  const invite = options.invite;
  if (!invite) throw new ServerError(401, 'An invite is needed to join this world: ask its owner for the link');
  if (!row.inviteHash || !sameHash(sha256(invite), row.inviteHash)) throw new ServerError(401, 'This invite is not valid for this world');
  if (row.inviteRevoked) throw new ServerError(403, 'This invite was revoked by the owner');
  if (!row.inviteExpiresAt || row.inviteExpiresAt.getTime() <= ctx.clock.now().getTime()) throw new ServerError(403, 'This invite has expired: ask the owner for a new one');
  return { isHost: false, inviteId: row.inviteHash.slice(0, 16) };
}

export function hostedRoomDeps(ctx: RelayContext, store: HostedWorldStore, opts: { reconnectSec: number; maxBacklogBytes: number }): WorldRoomDeps {
  return {
    ...opts,
    createKey: hostedCreateKey(ctx),
    createRefusal: 'Hosted rooms are opened by the relay when a player joins one (POST /api/v1/hosted-rooms creates it)',
    logger: { warn: (l) => ctx.log(l), error: (l) => ctx.log(l) },
    store,
    generation: {
      unavailable: NO_GENERATOR,
      create() {
        throw new Refusal('generation_unavailable', NO_GENERATOR);
      },
      subscribe: () => () => undefined,
    },
    authenticate: (roomId, options, context) => authenticateHosted(ctx, roomId, options, context),
  };
}
