/**
 * Video studio tables (issue 9, seed 002 "Job states & schema"). One row per video carries the
 * seed's Job and Content columns; JSON columns hold the zod shapes of shared/schemas/video.ts
 * (validated on read). `media_ids` lists every media-store object the video owns so a delete can
 * remove them (unless another row still references one).
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const videoVideos = sqliteTable(
  'video_videos',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    prompt: text('prompt').notNull(),
    style: text('style').notNull(),
    voice: text('voice'),
    language: text('language').notNull(),
    durationTarget: real('duration_target').notNull(),
    producePreview: integer('produce_preview', { mode: 'boolean' }).notNull().default(true),
    /** VideoProviderChoices JSON. */
    providers: text('providers', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['queued', 'generating_script', 'rendering_preview', 'rendering_final', 'composing', 'completed', 'failed'] }).notNull(),
    progress: real('progress').notNull().default(0),
    progressMessage: text('progress_message'),
    jobId: text('job_id'),
    /** VideoStageError JSON. */
    error: text('error', { mode: 'json' }),
    script: text('script', { mode: 'json' }),
    scriptSource: text('script_source', { mode: 'json' }),
    dirtyScenes: text('dirty_scenes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** VideoRendition JSON (preview and final MP4s). */
    preview: text('preview', { mode: 'json' }),
    final: text('final', { mode: 'json' }),
    hlsMasterMediaId: text('hls_master_media_id'),
    posterMediaId: text('poster_media_id'),
    thumbnailMediaId: text('thumbnail_media_id'),
    audioTracks: text('audio_tracks', { mode: 'json' }).notNull().default(sql`'[]'`),
    captions: text('captions', { mode: 'json' }).notNull().default(sql`'[]'`),
    chapters: text('chapters', { mode: 'json' }).notNull().default(sql`'[]'`),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    durationSec: real('duration_sec'),
    scenes: text('scenes', { mode: 'json' }).notNull().default(sql`'[]'`),
    entities: text('entities', { mode: 'json' }).notNull().default(sql`'[]'`),
    entitiesSource: text('entities_source'),
    notes: text('notes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Every media-store id this video's renders produced (deleted with it unless shared). */
    mediaIds: text('media_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    published: integer('published', { mode: 'boolean' }).notNull().default(false),
    addToLiveLoop: integer('add_to_live_loop', { mode: 'boolean' }).notNull().default(false),
    /** Set only once a final MP4 was produced and probed playable. */
    inLibrary: integer('in_library', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    completedAt: integer('completed_at'),
  },
  (t) => [index('idx_video_videos_library').on(t.inLibrary, t.createdAt), index('idx_video_videos_job').on(t.jobId)],
);

/** Wikipedia REST summaries by normalised title: found pages and "no such page" answers both cached. */
export const videoWikiCache = sqliteTable('video_wiki_cache', {
  key: text('key').primaryKey(),
  status: text('status', { enum: ['ok', 'not_found'] }).notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  fetchedAt: integer('fetched_at').notNull().default(now),
});
