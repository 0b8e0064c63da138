/**
 * LiveLoop channels (issue 10). One row per channel; JSON columns hold the zod shapes of
 * shared/schemas/video-liveloop.ts (validated on read). `anchor` and `history` are the timeline
 * pieces (shared/video/liveloop/timeline.ts): an edit never rewrites what already aired, it adds
 * a piece that takes over at the next boundary, so sequence numbers only grow across restarts.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const liveloopChannels = sqliteTable(
  'liveloop_channels',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    loopMode: text('loop_mode', { enum: ['loop', 'once'] }).notNull().default('loop'),
    shuffle: integer('shuffle', { mode: 'boolean' }).notNull().default(false),
    timezone: text('timezone').notNull().default('UTC'),
    /** ChannelProfile JSON. */
    profile: text('profile', { mode: 'json' }).notNull(),
    /** ChannelItem[] JSON (every item, with its segments once ready). */
    items: text('items', { mode: 'json' }).notNull(),
    /** Item keys of the base playlist, in order. */
    playlist: text('playlist', { mode: 'json' }).notNull(),
    blocks: text('blocks', { mode: 'json' }).notNull(),
    schedule: text('schedule', { mode: 'json' }).notNull(),
    fillers: text('fillers', { mode: 'json' }).notNull(),
    /** LiveAnchor JSON of the piece on air now (it plays the current config). */
    anchor: text('anchor', { mode: 'json' }).notNull(),
    /** Earlier pieces still inside the window: TimelinePiece[] JSON (programs frozen as they aired). */
    history: text('history', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('idx_liveloop_channels_default').on(t.isDefault)],
);
