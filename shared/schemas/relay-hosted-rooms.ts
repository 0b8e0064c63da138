import { z } from 'zod';
import { Id } from './common.js';
import { Entity, TerrainChunk } from './world.js';

/**
 * Hosted rooms (issue 14): a world session the community relay runs, so players outside the
 * owner's LAN can join. The owner uploads a snapshot of the world (entities + edited terrain)
 * and the GLBs it references; players join with the Colyseus client by room id + invite.
 */
export const HOSTED_ROOM_RULES = {
  /** Subscription tiers that may host (running a physics room costs the relay CPU all session long). */
  hostTiers: ['pro', 'studio'] as readonly string[],
  /** Rooms one account may have open (not ended) at once. */
  maxOpenPerUser: 3,
  maxPlayers: 16,
  defaultMaxPlayers: 5,
  maxEntities: 2000,
  maxTerrainChunks: 64,
  maxAssets: 200,
  /** One GLB upload, and all of a room's GLBs together. */
  maxGlbBytes: 16 * 1024 * 1024,
  maxTotalGlbBytes: 64 * 1024 * 1024,
  /** The snapshot JSON body (entities + base64 terrain). */
  maxSnapshotBytes: 12 * 1024 * 1024,
  defaultInviteTtlSec: 24 * 3600,
  maxInviteTtlSec: 7 * 24 * 3600,
} as const;

/** Where the relay's Colyseus client endpoint lives (matchmake over HTTP, then the room socket). */
export const HOSTED_ROOMS_COLYSEUS_PATH = '/api/v1/hosted-rooms/colyseus';

const Vec3 = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

export const HostedRoomAssetDecl = z
  .object({
    assetId: Id,
    sha256: Sha256,
    bytes: z.number().int().min(1).max(HOSTED_ROOM_RULES.maxGlbBytes),
    /** The GLB's bounds: the room sizes colliders from them. */
    bounds: z.object({ min: Vec3, max: Vec3 }),
  })
  .strict();
export type HostedRoomAssetDecl = z.infer<typeof HostedRoomAssetDecl>;

export const CreateHostedRoomBody = z
  .object({
    worldName: z.string().trim().min(1).max(120),
    gravity: z.number().min(-100).max(0).default(-9.81),
    entities: z.array(Entity).max(HOSTED_ROOM_RULES.maxEntities),
    terrain: z.array(TerrainChunk).max(HOSTED_ROOM_RULES.maxTerrainChunks).default([]),
    assets: z.array(HostedRoomAssetDecl).max(HOSTED_ROOM_RULES.maxAssets).default([]),
    maxPlayers: z.number().int().min(1).max(HOSTED_ROOM_RULES.maxPlayers).default(HOSTED_ROOM_RULES.defaultMaxPlayers),
    inviteTtlSec: z.number().int().min(60).max(HOSTED_ROOM_RULES.maxInviteTtlSec).default(HOSTED_ROOM_RULES.defaultInviteTtlSec),
  })
  .strict();
export type CreateHostedRoomBody = z.input<typeof CreateHostedRoomBody>;

export const HostedRoomInviteBody = z
  .object({ inviteTtlSec: z.number().int().min(60).max(HOSTED_ROOM_RULES.maxInviteTtlSec).default(HOSTED_ROOM_RULES.defaultInviteTtlSec) })
  .strict();

export const HostedRoom = z.object({
  id: z.string().uuid(),
  ownerId: z.string().uuid(),
  worldName: z.string(),
  maxPlayers: z.number().int(),
  /** uploading: some declared GLBs are missing (players see placeholders for them); ready; ended. */
  status: z.enum(['uploading', 'ready', 'ended']),
  missingAssets: z.array(Id),
  entityCount: z.number().int(),
  invite: z.object({ expiresAt: z.string(), revoked: z.boolean() }).nullable(),
  /** Colyseus endpoint path on the relay: `new Client(relayUrl + colyseusPath).joinById(id, {name, invite})`. */
  colyseusPath: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type HostedRoom = z.infer<typeof HostedRoom>;

/** The invite token is shown once (only its hash is stored). */
export const HostedRoomInvite = z.object({ roomId: z.string().uuid(), token: z.string(), expiresAt: z.string() });
export type HostedRoomInvite = z.infer<typeof HostedRoomInvite>;

export const HostedRoomCreated = z.object({ room: HostedRoom, invite: HostedRoomInvite });
export type HostedRoomCreated = z.infer<typeof HostedRoomCreated>;
