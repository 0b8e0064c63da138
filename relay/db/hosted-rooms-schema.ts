import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HostedRoomAssetDecl } from '../../shared/schemas/relay-hosted-rooms.js';
import type { Entity, TerrainChunk } from '../../shared/schemas/world.js';
import { users } from './schema.js';

/**
 * Hosted world rooms (issue 14): the owner's uploaded snapshot, kept current by the running room
 * (settled transforms, brushed terrain), and the GLBs it references. GLBs are rows, not files:
 * every relay process must serve them, and processes need not share a disk.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const hostedRooms = pgTable(
  'hosted_rooms',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    worldName: text('world_name').notNull(),
    gravity: real('gravity').notNull(),
    maxPlayers: integer('max_players').notNull(),
    entities: jsonb('entities').$type<Entity[]>().notNull(),
    terrain: jsonb('terrain').$type<TerrainChunk[]>().notNull(),
    assets: jsonb('assets').$type<HostedRoomAssetDecl[]>().notNull(),
    /** SHA-256 of the current invite token (the token itself is shown to the owner once). */
    inviteHash: text('invite_hash'),
    inviteExpiresAt: ts('invite_expires_at'),
    inviteRevoked: boolean('invite_revoked').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('idx_hosted_rooms_owner').on(t.ownerId)],
);

export const hostedRoomAssets = pgTable(
  'hosted_room_assets',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => hostedRooms.id, { onDelete: 'cascade' }),
    assetId: text('asset_id').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    data: bytea('data').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.assetId] })],
);
