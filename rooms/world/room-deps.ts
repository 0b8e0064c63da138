import type { AuthContext } from '@colyseus/core';
import type { ServerEvent } from '../../shared/events.js';
import type { CreateWorldJobBody, Entity, TerrainState, WorldJobCreated } from '../../shared/schemas/world.js';
import type { EntityUpsert, PutTerrainChunksBody } from '../../shared/schemas/world-api.js';
import type { JoinOptions } from '../../shared/world/room-protocol.js';
import type { z } from 'zod';

/** Who a joining client is, as the place hosting the room decided. */
export interface RoomAuth {
  isHost: boolean;
  inviteId: string | null;
}

/** A change made to a world outside its room (the owner's editor, an MCP tool): the room takes it in. */
export type WorldChange = { kind: 'entities'; ids: string[] | null } | { kind: 'terrain' } | { kind: 'world' };

/** Where a world's content lives: the studio's SQLite on the desktop host, Postgres on the relay. */
export interface WorldRoomStore {
  /** Called once in onCreate before anything is read (the relay loads the world from Postgres here). */
  load?(worldId: string): Promise<void>;
  world(worldId: string): { name: string; gravity: number };
  entities(worldId: string): Entity[];
  entity(entityId: string): Entity;
  upsertEntities(worldId: string, rows: EntityUpsert[]): void;
  terrain(worldId: string): TerrainState;
  putTerrain(worldId: string, body: z.infer<typeof PutTerrainChunksBody>): void;
  /** The stored GLB's bounds (a body's collider size), null when unknown. */
  assetBounds(assetId: string): { min: [number, number, number]; max: [number, number, number] } | null;
  /**
   * Changes to the world made outside the room, as they are stored (the room's own writes are
   * announced too: it tells them apart). Returns unsubscribe. A store nobody else edits omits it.
   */
  changes?(worldId: string, listener: (change: WorldChange) => void): () => void;
}

/**
 * Turns a prompt into a placeholder + generation job. Throws a Refusal (code + message, sent to
 * the player) when the place hosting the room cannot or will not generate.
 */
export interface WorldRoomGeneration {
  /** Set where the room cannot generate at all: players are told why instead of offered a prompt box. */
  unavailable?: string;
  create(body: CreateWorldJobBody, idempotencyKey: string): WorldJobCreated;
  /** Job events (asset_ready, job_failed, job_progress) for the rooms to follow; returns unsubscribe. */
  subscribe(listener: (e: ServerEvent) => void): () => void;
}

/**
 * What a WorldRoom needs from the process hosting it (the desktop host or the relay). Colyseus
 * makes rooms itself (matchMaker.createRoom), so they cannot take constructor arguments: the
 * room server sets this once per process (Colyseus' matchmaker is a per-process singleton too)
 * before any room is made.
 */
export interface WorldRoomDeps {
  store: WorldRoomStore;
  generation: WorldRoomGeneration;
  /** Decides who joins (throws a ServerError with a clear message to refuse). */
  authenticate(worldId: string, options: JoinOptions, context: AuthContext): RoomAuth | Promise<RoomAuth>;
  logger: { warn(line: string): void; error(line: string): void };
  /** Reconnection window for a dropped client (seconds). */
  reconnectSec: number;
  /** Unsent bytes after which a client is dropped (tests lower it). */
  maxBacklogBytes: number;
  /** Rooms are made by their server only: onCreate refuses options without this per-process key. */
  createKey: string;
  /** The refusal onCreate gives to anyone else (names the right way to start a room). */
  createRefusal: string;
}

let current: WorldRoomDeps | null = null;

export function setWorldRoomDeps(deps: WorldRoomDeps | null): void {
  current = deps;
}

export function worldRoomDeps(): WorldRoomDeps {
  if (!current) throw new Error('world rooms are not started in this process');
  return current;
}
