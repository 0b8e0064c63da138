import type { AuthContext } from '@colyseus/core';
import { ServerError } from '@colyseus/core';
import type { JoinOptions } from '../../../../shared/world/room-protocol.js';
import { Refusal } from '../../../../rooms/world/authority.js';
import type { RoomAuth, WorldRoomDeps } from '../../../../rooms/world/room-deps.js';
import { tokenMatches } from '../../api/security.js';
import { AppError } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import type { LanService } from '../../lan/lan-service.js';
import { worldServices } from '../services.js';

/**
 * The desktop host's side of a world room (rooms/world): the world lives in the studio's SQLite
 * (WorldServices), prompts become the host's own world.generate jobs followed on its event bus,
 * and a joining client is either the studio user (the API token) or a LAN guest holding a
 * 'world-room' invite for this world (the LAN path's token arrives as x-world-room-invite).
 */
export function hostRoomDeps(ctx: HostContext, lan: LanService | null, opts: { reconnectSec: number; maxBacklogBytes: number; createKey: string }): WorldRoomDeps {
  const s = worldServices(ctx);
  return {
    ...opts,
    createRefusal: 'World rooms are started by the host (POST /api/v1/world-room/sessions)',
    logger: ctx.logger,
    store: {
      world(worldId) {
        const w = s.worlds.get(worldId);
        return { name: w.name, gravity: w.settings.gravity };
      },
      entities: (worldId) => s.entities.list(worldId),
      entity: (id) => s.entities.get(id),
      upsertEntities: (worldId, rows) => void s.entities.upsert(worldId, rows),
      terrain: (worldId) => s.terrain.get(worldId),
      putTerrain: (worldId, body) => void s.terrain.put(worldId, body),
      assetBounds: (assetId) => s.assets.find(assetId)?.bounds ?? null,
      // The world services announce every stored change on the bus (entity-service, terrain-service, world-service).
      changes: (worldId, listener) =>
        ctx.bus.subscribe((ev) => {
          if (ev.type !== 'domain' || ev.id !== worldId) return;
          if (ev.topic === 'world.entities.changed') listener({ kind: 'entities', ids: (ev.data as { ids?: string[] | null } | null)?.ids ?? null });
          else if (ev.topic === 'world.terrain.changed') listener({ kind: 'terrain' });
          else if (ev.topic === 'world.changed') listener({ kind: 'world' });
        }),
    },
    generation: {
      create(body, key) {
        try {
          return s.generation.create(body, key).answer;
        } catch (err) {
          if (err instanceof AppError) throw new Refusal(err.code, err.message);
          throw err;
        }
      },
      subscribe: (listener) => ctx.bus.subscribe(listener),
    },
    authenticate(worldId: string, options: JoinOptions, context: AuthContext): RoomAuth {
      if (context.token && tokenMatches(context.token, ctx.origin.token)) return { isHost: true, inviteId: null };
      const header = context.headers?.['x-world-room-invite'];
      const invite = options.invite ?? (typeof header === 'string' ? header : undefined);
      if (!invite || !lan) throw new ServerError(401, 'An invite is needed to join this world: ask the host for the link');
      const r = lan.invites.verify(invite, { scope: 'world-room', resourceId: worldId });
      if (!r.ok) throw new ServerError(r.code === 'invite_expired' || r.code === 'invite_revoked' ? 403 : 401, r.message);
      return { isHost: false, inviteId: r.grant.inviteId };
    },
  };
}
