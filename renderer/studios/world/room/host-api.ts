import { Ok } from '../../../../shared/schemas/common.js';
import { WorldRoomInvite, WorldRoomSession, type StartWorldRoomBody } from '../../../../shared/schemas/world-room.js';
import { z } from 'zod';
import { rawFetch } from '../../../api/raw-fetch.js';

/**
 * The studio user's calls for hosting a world (shared/routes/world-room.ts), with the studio
 * token; answers are parsed with the shared schemas so a mismatch shows as an error, not as a
 * half-drawn panel.
 */

async function json<T>(res: Response, schema: { parse(v: unknown): T }): Promise<T> {
  return schema.parse(await res.json());
}

const sessionPath = (id: string): string => `/world-room/sessions/${encodeURIComponent(id)}`;
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export const roomHostApi = {
  start: async (body: Partial<StartWorldRoomBody> & { worldId: string }) =>
    json(await rawFetch('/world-room/sessions', 'Starting the session', post(body)), WorldRoomSession),
  list: async () => (await json(await rawFetch('/world-room/sessions', 'Reading the sessions'), z.object({ sessions: z.array(WorldRoomSession) }))).sessions,
  get: async (id: string) => json(await rawFetch(sessionPath(id), 'Reading the session'), WorldRoomSession),
  stop: async (id: string) => json(await rawFetch(sessionPath(id), 'Stopping the session', { method: 'DELETE' }), Ok),
  newInvite: async (id: string) => json(await rawFetch(`${sessionPath(id)}/invite`, 'Making an invite', post({})), WorldRoomInvite),
  revokeInvite: async (id: string) => json(await rawFetch(`${sessionPath(id)}/invite`, 'Revoking the invite', { method: 'DELETE' }), Ok),
};
