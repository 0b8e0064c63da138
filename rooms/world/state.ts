import { MapSchema, schema, type SchemaType } from '@colyseus/schema';

/**
 * The replicated state of a world room (shape documented in shared/world/room-protocol.ts as
 * RoomStateShape; clients decode it by reflection). Built with schema 3's `schema()` helper, not
 * decorators: the host's TypeScript defines class fields, which would hide decorator accessors.
 * `bodies` is a view field: a client receives only the bodies its StateView holds (the ones near
 * its avatar, see interest.ts); the rest reach it as low-rate `far_bodies` messages.
 */
export const RoomPlayer = schema(
  {
    sessionId: 'string',
    name: 'string',
    isHost: 'boolean',
    connected: 'boolean',
    x: 'float32',
    y: 'float32',
    z: 'float32',
    yaw: 'float32',
    pitch: 'float32',
    seq: 'uint32',
    holding: 'string',
    color: 'string',
  },
  'RoomPlayer',
);
export type RoomPlayer = SchemaType<typeof RoomPlayer>;

export const RoomBody = schema(
  {
    id: 'string',
    x: 'float32',
    y: 'float32',
    z: 'float32',
    qx: 'float32',
    qy: 'float32',
    qz: 'float32',
    qw: 'float32',
    holder: 'string',
    sleeping: 'boolean',
  },
  'RoomBody',
);
export type RoomBody = SchemaType<typeof RoomBody>;

export const RoomChunk = schema({ key: 'string', revision: 'uint32', checksum: 'string' }, 'RoomChunk');
export type RoomChunk = SchemaType<typeof RoomChunk>;

export const WorldRoomState = schema(
  {
    worldId: 'string',
    tick: 'uint32',
    players: { map: RoomPlayer },
    bodies: { map: RoomBody, view: true },
    chunks: { map: RoomChunk },
    activeJobs: 'uint8',
  },
  'WorldRoomState',
);
export type WorldRoomState = SchemaType<typeof WorldRoomState>;

export function newRoomState(worldId: string): WorldRoomState {
  const s = new WorldRoomState();
  s.worldId = worldId;
  s.tick = 0;
  s.players = new MapSchema<RoomPlayer>();
  s.bodies = new MapSchema<RoomBody>();
  s.chunks = new MapSchema<RoomChunk>();
  s.activeJobs = 0;
  return s;
}
