import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { Entity, Quat, Vec3 } from '../schemas/world.js';
import { BRUSH_TOOLS, SPLAT_LAYERS } from './terrain.js';

/**
 * The LAN world room protocol (issue 12; seed 001 §1, §9, §10, §16, §17): a Colyseus 0.16 room
 * named `world` on the host steps the world's Rapier physics and replicates it. Every message a
 * client sends is one of ClientMessage, sent as `room.send(type, payload)`: the host parses the
 * payload with the schema of its type and refuses anything else (unknown type, wrong shape,
 * oversized) with an `error` message. Server → client messages are ServerMessage, sent as
 * `client.send(type, payload)`. The replicated state (RoomStateShape) is decoded by colyseus.js
 * through schema reflection, so a client needs no schema classes of its own.
 */

export const ROOM_NAME = 'world';
/** Physics steps per second (fixed step, as the editor's play mode). */
export const TICK_HZ = 60;
/** State patches per second. */
export const PATCH_HZ = 20;
/** Distant bodies (outside the near radius) come as `far_bodies` messages this often. */
export const FAR_HZ = 2;
/** Dynamic bodies within this distance of a player's avatar are in their view (full patch rate). */
export const NEAR_RADIUS_M = 48;

/** Largest WebSocket frame the host accepts from a room client (bigger: the socket is closed). */
export const MAX_CLIENT_FRAME_BYTES = 4 * 1024;
/** A client whose unsent output passes this is dropped (it stopped reading). */
export const MAX_CLIENT_BACKLOG_BYTES = 4 * 1024 * 1024;

/** Avatar movement limits the host enforces on `move` (cheats are refused, the avatar put back). */
export const MAX_SPEED_MPS = 12;
export const MAX_FALL_MPS = 40;
/** Grace on top of speed × elapsed time, for jitter in message arrival. */
export const MOVE_SLACK_M = 0.75;
/** How far from the avatar's eye a body may be picked up. */
export const MAX_REACH_M = 4;
/** Where a held body floats, in front of the holder's eye. */
export const HOLD_DISTANCE_M = 2.2;
export const EYE_HEIGHT_M = 1.6;
export const MAX_THROW_SPEED_MPS = 20;

/** Quotas (seed §17). maxPlayers is a room option (default 5, at most 16). */
export const QUOTAS = {
  defaultMaxPlayers: 5,
  maxPlayersLimit: 16,
  concurrentJobsPerRoom: 2,
  submissionsPerPlayerPerMinute: 5,
  /** Messages per second per client before refusals (and after 3 s of flooding, a drop). */
  messagesPerSecond: 120,
  chatChars: 300,
  /** Chat messages per player per chatWindowMs; past it the player gets a `quota` of kind 'chat'. */
  chatPerWindow: 5,
  chatWindowMs: 10_000,
} as const;

/** Options of `client.joinById(roomId, options)` (the room is made by POST /world-room/sessions). */
export const JoinOptions = z
  .object({
    name: z.string().trim().min(1).max(40).default('Player'),
    /** LAN guests: the invite token of scope 'world-room' (the studio user authenticates with its API token instead). */
    invite: z.string().max(200).optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof JoinOptions>;

// ---- client → server -----------------------------------------------------------------------

const Seq = z.number().int().min(0).max(2 ** 31);
const Unit = z.number().min(-1).max(1);

/** Avatar position the client predicted; the host checks speed and acks `seq` in players[].seq. */
export const MoveMsg = z.object({ seq: Seq, position: Vec3, yaw: z.number().min(-10).max(10), pitch: z.number().min(-2).max(2).default(0) }).strict();
export const PickUpMsg = z.object({ entityId: Id }).strict();
/** Where the held body should float (the host clamps it to HOLD/REACH of the holder). */
export const HoldMsg = z.object({ entityId: Id, position: Vec3, rotation: Quat.optional() }).strict();
export const ThrowMsg = z.object({ entityId: Id, direction: z.tuple([Unit, Unit, Unit]), speed: z.number().min(0).max(MAX_THROW_SPEED_MPS) }).strict();
export const ReleaseMsg = z.object({ entityId: Id }).strict();
export const SpawnPromptMsg = z
  .object({
    prompt: z.string().trim().min(1).max(500),
    /** Where the placeholder lands (ground contact); omitted, in front of the avatar. */
    position: Vec3.optional(),
    /** Client's id for the request, echoed in `placeholder` so it can match its own prompt. */
    requestId: z.string().max(64).optional(),
  })
  .strict();
export const TerrainBrushMsg = z
  .object({
    tool: z.enum(BRUSH_TOOLS),
    x: z.number().min(-10_000).max(10_000),
    z: z.number().min(-10_000).max(10_000),
    radius: z.number().gt(0).max(64),
    strength: z.number().min(0).max(1),
    targetHeight: z.number().min(-64).max(128).optional(),
    step: z.number().gt(0).max(64).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    layer: z.enum(SPLAT_LAYERS).optional(),
  })
  .strict();
export const ChatMsg = z.object({ text: z.string().trim().min(1).max(QUOTAS.chatChars) }).strict();
export const PingMsg = z.object({ t: z.number() }).strict();
/** Subscribe (on: true) to `dev_stats` once a second, or stop. */
export const DevStatsMsg = z.object({ on: z.boolean() }).strict();
/** "My view of the bodies at patch `tick` hashes to `hash`" (bodyStateHash); answered by `verify_result`. */
export const VerifyMsg = z.object({ tick: z.number().int().min(0), hash: z.string().max(16), count: z.number().int().min(0).max(100_000) }).strict();

export const CLIENT_MESSAGES = {
  move: MoveMsg,
  pick_up: PickUpMsg,
  hold: HoldMsg,
  throw: ThrowMsg,
  release: ReleaseMsg,
  spawn_prompt: SpawnPromptMsg,
  terrain_brush: TerrainBrushMsg,
  chat: ChatMsg,
  ping: PingMsg,
  dev_stats: DevStatsMsg,
  verify: VerifyMsg,
} as const;
export type ClientMessageType = keyof typeof CLIENT_MESSAGES;
export type ClientMessage = { [K in ClientMessageType]: { type: K; payload: z.infer<(typeof CLIENT_MESSAGES)[K]> } }[ClientMessageType];

// ---- server → client -----------------------------------------------------------------------

/** Every entity of the world at join (static data; transforms of dynamic bodies then come in state.bodies). */
export const WelcomeMsg = z.object({
  worldId: Id,
  worldName: z.string(),
  gravity: z.number(),
  entities: z.array(Entity),
  /** Terrain chunks as stored (shared/world/terrain.ts EncodedChunk) with their checksums. */
  terrain: z.array(z.object({ cx: z.number().int(), cz: z.number().int(), heights: z.string(), splat: z.string(), revision: z.number().int(), checksum: z.string() })),
  /** Brush ops applied since the stored terrain above (replay them in order). */
  brushLog: z.array(z.object({ seq: z.number().int(), op: TerrainBrushMsg })),
  you: z.object({ sessionId: z.string(), isHost: z.boolean() }),
  rates: z.object({ tickHz: z.number(), patchHz: z.number(), farHz: z.number(), nearRadiusM: z.number() }),
  quotas: z.object({ maxPlayers: z.number().int(), concurrentJobs: z.number().int(), submissionsPerMinute: z.number().int() }),
  /** Why prompts cannot make objects where this room runs (the relay has no generator); null when they can. */
  generationOff: z.string().nullable(),
});
/** A prompt became a job: the placeholder entity for everyone at once. */
export const PlaceholderMsg = z.object({ entity: Entity, jobId: Id.nullable(), assetId: Id.nullable(), by: z.string(), requestId: z.string().nullable(), note: z.string().nullable() });
/** The entity's asset is ready: fetch the GLB by id (LAN: GET <lan>/world-room/<room>/assets/<assetId>.glb). */
export const AssetReadyMsg = z.object({ entityId: Id, assetId: Id, jobId: Id.nullable(), entity: Entity });
export const JobFailedMsg = z.object({ entityId: Id.nullable(), jobId: Id, error: z.string() });
/** Entities the owner changed outside the room, a batch per edit (split into ENTITY_BATCH-sized messages). */
export const EntitiesUpdatedMsg = z.object({ entities: z.array(Entity).min(1) });
export const ENTITY_BATCH = 100;
export const EntityRemovedMsg = z.object({ ids: z.array(Id) });
/** Terrain chunks replaced whole by the owner's editor during the session (not brush ops): take them as they are. */
export const TerrainChunksMsg = z.object({ chunks: WelcomeMsg.shape.terrain, by: z.string() });
/** A brush op as applied by the host, in order (seq), with the checksums of the chunks it changed. */
export const TerrainOpMsg = z.object({ seq: z.number().int(), op: TerrainBrushMsg, by: z.string(), checksums: z.record(z.string(), z.string()) });
export const QuotaMsg = z.object({ quota: z.enum(['players', 'jobs', 'submissions', 'messages', 'chat']), message: z.string(), retryAfterMs: z.number().int().nullable() });
/** A refused message: code says why (bad_message, not_holder, too_far, cheat, not_found, …). */
export const ErrorMsg = z.object({ code: z.string(), message: z.string(), for: z.string().nullable() });
/** A move that broke the speed limit: the avatar is put back here (client snaps and replays later inputs). */
export const MoveRejectedMsg = z.object({ seq: z.number().int(), position: Vec3, reason: z.string() });
export const ChatOut = z.object({ from: z.string(), name: z.string(), text: z.string(), at: z.number() });
export const PongMsg = z.object({ t: z.number(), serverTime: z.number() });
/** Bodies outside the near radius, FAR_HZ times a second: [id, x, y, z, qx, qy, qz, qw, holder]. */
export const FarBodiesMsg = z.object({ tick: z.number().int(), bodies: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number(), z.string()])) });
export const VerifyResultMsg = z.object({ tick: z.number().int(), ok: z.boolean(), serverHash: z.string().nullable(), serverCount: z.number().int(), reason: z.string().nullable() });
export const DevStats = z.object({
  tick: z.number().int(),
  tickMs: z.object({ last: z.number(), p50: z.number(), p95: z.number() }),
  /** CPU time the host process used during each tick: tickMs minus time the OS gave to other processes. */
  tickCpuMs: z.object({ last: z.number(), p50: z.number(), p95: z.number() }).optional(),
  /** Time the host spends preparing each patch (state sync, interest, far bodies). */
  patchMs: z.object({ last: z.number(), p50: z.number(), p95: z.number() }),
  bodies: z.number().int(),
  players: z.array(z.object({ sessionId: z.string(), name: z.string(), bytesPerSec: z.number(), entitiesInView: z.number().int(), rttMs: z.number().nullable(), connected: z.boolean() })),
  /** entityId → holder sessionId ('' = the server). */
  authority: z.record(z.string(), z.string()),
  jobs: z.array(z.object({ jobId: Id.nullable(), entityId: Id.nullable(), prompt: z.string(), by: z.string(), status: z.string() })),
});
export type DevStats = z.infer<typeof DevStats>;

export const SERVER_MESSAGES = {
  welcome: WelcomeMsg,
  placeholder: PlaceholderMsg,
  asset_ready: AssetReadyMsg,
  job_failed: JobFailedMsg,
  entities_updated: EntitiesUpdatedMsg,
  entity_removed: EntityRemovedMsg,
  terrain_chunks: TerrainChunksMsg,
  terrain_op: TerrainOpMsg,
  quota: QuotaMsg,
  error: ErrorMsg,
  move_rejected: MoveRejectedMsg,
  chat: ChatOut,
  pong: PongMsg,
  far_bodies: FarBodiesMsg,
  verify_result: VerifyResultMsg,
  dev_stats: DevStats,
} as const;
export type ServerMessageType = keyof typeof SERVER_MESSAGES;
export type ServerMessage = { [K in ServerMessageType]: { type: K; payload: z.infer<(typeof SERVER_MESSAGES)[K]> } }[ServerMessageType];

// ---- replicated state (Colyseus schema 3, decoded by reflection) ----------------------------

/** One player (state.players, keyed by sessionId). */
export interface RoomPlayerShape {
  sessionId: string;
  name: string;
  isHost: boolean;
  /** False while the host waits for a dropped client to reconnect (avatar and held object kept). */
  connected: boolean;
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
  /** The last `move` seq the host applied (client reconciliation). */
  seq: number;
  /** entityId held, '' for none. */
  holding: string;
  color: string;
}

/** One dynamic or kinematic body (state.bodies, keyed by entityId; float32). Only bodies in a client's view are sent. */
export interface RoomBodyShape {
  id: string;
  x: number;
  y: number;
  z: number;
  qx: number;
  qy: number;
  qz: number;
  qw: number;
  /** Who has authority: '' the server, else the holder's sessionId. */
  holder: string;
  sleeping: boolean;
}

export interface RoomChunkShape {
  key: string;
  revision: number;
  checksum: string;
}

export interface RoomStateShape {
  worldId: string;
  /** Physics step count at the last patch (bodyStateHash is keyed by it). */
  tick: number;
  players: Map<string, RoomPlayerShape>;
  bodies: Map<string, RoomBodyShape>;
  /** Terrain chunks touched in the session: revision and checksum after the last brush op. */
  chunks: Map<string, RoomChunkShape>;
  /** Generation jobs of the room running now. */
  activeJobs: number;
}

// ---- shared helpers ------------------------------------------------------------------------

/** Float32 rounding as the wire carries it, then quantised to a millimetre for the hash. */
const q = (n: number): string => (Math.round(Math.fround(n) * 1000) / 1000).toFixed(3);

/**
 * The hash of a set of bodies as a client sees them at one patch: FNV-1a (32-bit, hex) over the
 * sorted ids with positions and rotations at float32 precision. Host and clients compute it the
 * same way, so equal views give equal hashes.
 */
export function bodyStateHash(bodies: Iterable<Pick<RoomBodyShape, 'id' | 'x' | 'y' | 'z' | 'qx' | 'qy' | 'qz' | 'qw'>>): { hash: string; count: number } {
  const rows = [...bodies].map((b) => `${b.id}:${q(b.x)},${q(b.y)},${q(b.z)},${q(b.qx)},${q(b.qy)},${q(b.qz)},${q(b.qw)}`).sort();
  let h = 0x811c9dc5;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      h ^= row.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x0a;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return { hash: h.toString(16).padStart(8, '0'), count: rows.length };
}

/** Checksum of one terrain chunk's heights + splat (FNV-1a over the bytes), as in state.chunks. */
export function chunkChecksum(heights: Float32Array, splat: Uint8Array): string {
  let h = 0x811c9dc5;
  const hb = new Uint8Array(heights.buffer, heights.byteOffset, heights.byteLength);
  for (let i = 0; i < hb.length; i++) h = Math.imul(h ^ hb[i]!, 0x01000193) >>> 0;
  for (let i = 0; i < splat.length; i++) h = Math.imul(h ^ splat[i]!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
