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

// Upper bounds on the bytes schema 3 writes for one item (its map entry, the switch to it and
// every field): 1 op byte per field, strings as a ≤5-byte header + ≤3 UTF-8 bytes per UTF-16
// unit, numbers/ref ids ≤9 bytes, float32/uint32 4, booleans 1; rounded up generously.
const MAP_ENTRY = 48;
const str = (s: string | undefined) => 6 + 3 * (s?.length ?? 0);

/**
 * A bound on the bytes one patch of this state can take in the serializer's buffer: the shared
 * part (root, players, chunks) once, plus one client's view of the bodies counted twice (a body
 * shown this patch goes as its whole self and again as its changes), plus room for deletions of
 * as many items as the state ever held (they may have been removed since). Used to size the
 * buffer before encoding (view-serializer.ts), so it must never be below what is written.
 */
export function encodedBytesBound(): (s: WorldRoomState) => number {
  let peakItems = 0;
  return (s) => {
    peakItems = Math.max(peakItems, s.players.size + s.chunks.size + s.bodies.size);
    return stateBytes(s) + 24 * peakItems;
  };
}

function stateBytes(s: WorldRoomState): number {
  let shared = 64 + str(s.worldId) + 3 * MAP_ENTRY;
  for (const p of s.players.values()) shared += MAP_ENTRY + str(p.sessionId) + str(p.sessionId) + str(p.name) + str(p.holding) + str(p.color) + 64;
  for (const c of s.chunks.values()) shared += MAP_ENTRY + str(c.key) + str(c.key) + str(c.checksum) + 16;
  let bodies = 0;
  for (const b of s.bodies.values()) bodies += MAP_ENTRY + str(b.id) + str(b.id) + str(b.holder) + 64;
  return 1 + shared + 2 * bodies + 4096;
}
