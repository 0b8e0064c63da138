/**
 * Arcade tables (issue 10). A game's files live in <dataDir>/arcade/<dir>/ (index.html at its
 * root); the row says what was installed and where its card image came from.
 * `arcade_seeded` remembers which shipped games were installed once, so deleting one sticks.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const arcadeGames = sqliteTable(
  'arcade_games',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    origin: text('origin', { enum: ['builtin', 'upload'] }).notNull(),
    /** Folder name under <dataDir>/arcade (the id; kept separate so a rename never breaks a row). */
    dir: text('dir').notNull(),
    fileCount: integer('file_count').notNull(),
    bytes: integer('bytes').notNull(),
    thumbnailMediaId: text('thumbnail_media_id'),
    thumbnailSource: text('thumbnail_source', { enum: ['bundle', 'rendered', 'title_card'] }).notNull(),
    thumbnailNote: text('thumbnail_note'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('idx_arcade_games_created').on(t.createdAt)],
);

export const arcadeSeeded = sqliteTable('arcade_seeded', {
  slug: text('slug').primaryKey(),
  seededAt: integer('seeded_at').notNull().default(now),
});
