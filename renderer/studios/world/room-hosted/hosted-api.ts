import { HostedRoom, HostedRoomInvite } from '../../../../shared/schemas/relay-hosted-rooms.js';
import { HostedWorldList, HostedWorldStarted } from '../../../../shared/schemas/world-hosted.js';
import { rawFetch } from '../../../api/raw-fetch.js';

/** The studio's calls for hosting a world on the community relay (shared/routes/world-hosted.ts), answers parsed with the shared schemas. */

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const roomPath = (id: string): string => `/world-hosted/rooms/${encodeURIComponent(id)}`;

export const hostedApi = {
  start: async (worldId: string, maxPlayers: number) => HostedWorldStarted.parse(await (await rawFetch('/world-hosted/rooms', 'Hosting on the community relay', post({ worldId, maxPlayers }))).json()),
  list: async () => HostedWorldList.parse(await (await rawFetch('/world-hosted/rooms', 'Reading your hosted rooms')).json()),
  end: async (id: string) => HostedRoom.parse(await (await rawFetch(roomPath(id), 'Ending the hosted room', { method: 'DELETE' })).json()),
  newInvite: async (id: string) => HostedRoomInvite.parse(await (await rawFetch(`${roomPath(id)}/invite`, 'Making an invite', post({}))).json()),
};

/** What a player needs to join: the relay's Colyseus endpoint, the room id and the invite (one line to paste). */
export function joinDetails(relayUrl: string, room: HostedRoom, invite: HostedRoomInvite | null): string {
  return JSON.stringify({ endpoint: `${relayUrl.replace(/\/$/, '')}${room.colyseusPath}`, roomId: room.id, invite: invite?.token ?? null });
}
