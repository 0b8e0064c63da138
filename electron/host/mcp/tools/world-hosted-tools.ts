import { worldRoomGuestPath } from '../../../../shared/world/room-guest-path.js';
import { hostOnRelay } from '../../world/room-hosted/relay-hosting.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Hosting a world on the community relay (issue 14), as the World studio's "Host on community relay" does. */
export function registerWorldHostedTools(d: ToolDeps): void {
  registerTool(
    d.server,
    'world_host_on_relay',
    {
      title: 'Host a world on the community relay',
      description:
        "Uploads a world (entities, edited terrain, the GLBs its objects show) to the community relay signed in under Settings → Community and returns the join details players outside the LAN use: join_url (a browser link to the relay's guest page for this room), and for other clients the relay's Colyseus endpoint, the room id and an invite token (joinById(roomId, {name, invite})). Needs a Pro or Studio account on the relay. Prompts are refused inside a relay-hosted room (the relay has no generator). Objects whose GLB is missing or too large stay placeholders and are listed in skipped_assets.",
    },
    d,
    async (args) => {
      const s = await hostOnRelay(d.core, { worldId: args.world_id, maxPlayers: args.max_players, inviteTtlSec: 24 * 3600 });
      return jsonResult({
        join_url: `${s.relayUrl.replace(/\/$/, '')}${worldRoomGuestPath(s.room.id, s.invite.token)}`,
        endpoint: `${s.relayUrl}${s.room.colyseusPath}`,
        room_id: s.room.id,
        invite: s.invite.token,
        invite_expires_at: s.invite.expiresAt,
        status: s.room.status,
        max_players: s.room.maxPlayers,
        skipped_assets: s.skippedAssets,
      });
    },
  );
}
