import { create } from 'zustand';
import type { Entity } from '../../../../shared/schemas/world.js';
import type { DevStats } from '../../../../shared/world/room-protocol.js';
import { createTerrain, type Terrain } from '../../../../shared/world/terrain.js';

/**
 * What the room session shows in React: connection status, the world's entities (from `welcome`
 * and later events), players, who holds what, terrain revisions, dev stats, chat and notices.
 * Per-frame poses stay out of React: they live in the client's Interpolator (room-client.ts).
 */

export type RoomStatus = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'left' | 'error';

export interface RoomPlayer {
  sessionId: string;
  name: string;
  color: string;
  isHost: boolean;
  connected: boolean;
  holding: string;
}

export interface RoomNotice {
  id: number;
  text: string;
  tone: 'error' | 'info' | 'quota';
}

export interface RoomJob {
  entityId: string;
  prompt: string;
  by: string;
  status: 'running' | 'ready' | 'failed';
}

export interface RoomState {
  status: RoomStatus;
  /** Why the session ended or could not start (shown as is). */
  error: string | null;
  worldId: string | null;
  worldName: string;
  you: string | null;
  isHost: boolean;
  gravity: number;
  entities: Record<string, Entity>;
  players: Record<string, RoomPlayer>;
  /** entityId → holder sessionId, for bodies someone holds. */
  holders: Record<string, string>;
  terrain: Terrain;
  chunkRev: Record<string, number>;
  /** chunk key → checksum the host announced and whether ours matches. */
  chunkCheck: Record<string, { host: string; ours: string }>;
  quotas: { maxPlayers: number; concurrentJobs: number; submissionsPerMinute: number } | null;
  /** Why prompts cannot make objects in this room (hosted on the relay), or null. */
  generationOff: string | null;
  stats: DevStats | null;
  jobs: Record<string, RoomJob>;
  chat: Array<{ from: string; name: string; text: string; at: number }>;
  /** The host's chat rate limit refused a line: what it said, and until when (epoch ms). */
  chatRefusal: { text: string; until: number } | null;
  notices: RoomNotice[];
  /** Corrections the server made to our own moves (dev panel). */
  corrections: number;
  rttMs: number | null;

  set(patch: Partial<RoomState>): void;
  upsertEntity(e: Entity): void;
  /** A batch in one store update (an owner's edit can touch hundreds). */
  upsertEntities(list: Entity[]): void;
  removeEntities(ids: string[]): void;
  notify(text: string, tone?: RoomNotice['tone']): void;
  dismiss(id: number): void;
  reset(): void;
}

let noticeId = 0;

const initial = () => ({
  status: 'idle' as RoomStatus,
  error: null,
  worldId: null,
  worldName: '',
  you: null,
  isHost: false,
  gravity: -9.81,
  entities: {},
  players: {},
  holders: {},
  terrain: createTerrain(),
  chunkRev: {},
  chunkCheck: {},
  quotas: null,
  generationOff: null,
  stats: null,
  jobs: {},
  chat: [],
  chatRefusal: null,
  notices: [],
  corrections: 0,
  rttMs: null,
});

export const useRoomStore = create<RoomState>()((set) => ({
  ...initial(),
  set: (patch) => set(patch),
  upsertEntity: (e) => set((s) => ({ entities: { ...s.entities, [e.id]: e } })),
  upsertEntities: (list) =>
    set((s) => {
      const entities = { ...s.entities };
      for (const e of list) entities[e.id] = e;
      return { entities };
    }),
  removeEntities: (ids) =>
    set((s) => {
      const entities = { ...s.entities };
      for (const id of ids) delete entities[id];
      return { entities };
    }),
  notify: (text, tone = 'error') => set((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, text, tone }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  reset: () => set(initial()),
}));
