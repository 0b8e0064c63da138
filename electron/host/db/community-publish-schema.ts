/**
 * Community publishing (issue 14): which local shader, video or world prefab went to which
 * relay, as which relay item. One row per (kind, local id, relay): a row is written when the
 * publish job is queued (relay item id still null) and completed when the upload succeeds, so
 * the UI can show "Published" (with the relay item) and a second publish is refused.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const communityPublications = sqliteTable(
  'community_publications',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['shader', 'video', 'prefab'] }).notNull(),
    localId: text('local_id').notNull(),
    relayUrl: text('relay_url').notNull(),
    /** Null until the upload succeeded. */
    relayItemId: text('relay_item_id'),
    publishedAt: integer('published_at'),
    /** The community.publish job that last ran (or runs) for this row. */
    lastJobId: text('last_job_id'),
    /** What the upload carried: thumbnail / preview sent, and whether the preview is a shortened clip. */
    details: text('details', { mode: 'json' }),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('uq_community_publications_local').on(t.kind, t.localId, t.relayUrl), index('idx_community_publications_job').on(t.lastJobId)],
);
