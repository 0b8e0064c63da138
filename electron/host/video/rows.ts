import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  VideoAudioTrack,
  VideoCaptionTrack,
  VideoChapter,
  VideoEntity,
  VideoProviderChoices,
  VideoRendition,
  VideoSceneProvenance,
  VideoScriptSource,
  VideoStageError,
  type Video,
  type VideoListQuery,
} from '../../../shared/schemas/video.js';
import { VideoScript } from '../../../shared/video/script.js';
import type { Db } from '../db/connection.js';
import { videoVideos } from '../db/schema.js';
import { notFound } from '../errors.js';

export type VideoRow = typeof videoVideos.$inferSelect;
export type VideoInsert = typeof videoVideos.$inferInsert;

const iso = (ms: number) => new Date(ms).toISOString();

/** A JSON column read through its schema: a row written by an older build degrades to the fallback, never a 500. */
function json<T extends z.ZodType>(schema: T, value: unknown, fallback: z.infer<T>): z.infer<T> {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

export function toVideo(r: VideoRow): Video {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    prompt: r.prompt,
    style: r.style,
    voice: r.voice,
    language: r.language,
    durationTarget: r.durationTarget,
    producePreview: r.producePreview,
    providers: json(VideoProviderChoices, r.providers, VideoProviderChoices.parse({})),
    status: r.status,
    progress: r.progress,
    progressMessage: r.progressMessage,
    jobId: r.jobId,
    error: json(VideoStageError.nullable(), r.error ?? null, null),
    script: json(VideoScript.nullable(), r.script ?? null, null),
    scriptSource: json(VideoScriptSource.nullable(), r.scriptSource ?? null, null),
    dirtyScenes: json(z.array(z.string()), r.dirtyScenes, []),
    preview: json(VideoRendition.nullable(), r.preview ?? null, null),
    final: json(VideoRendition.nullable(), r.final ?? null, null),
    hlsMasterMediaId: r.hlsMasterMediaId,
    posterMediaId: r.posterMediaId,
    thumbnailMediaId: r.thumbnailMediaId,
    audioTracks: json(z.array(VideoAudioTrack), r.audioTracks, []),
    captions: json(z.array(VideoCaptionTrack), r.captions, []),
    chapters: json(z.array(VideoChapter), r.chapters, []),
    languages: json(z.array(z.string()), r.languages, []),
    durationSec: r.durationSec,
    scenes: json(z.array(VideoSceneProvenance), r.scenes, []),
    entities: json(z.array(VideoEntity), r.entities, []),
    entitiesSource: r.entitiesSource,
    notes: json(z.array(z.string()), r.notes, []),
    published: r.published,
    addToLiveLoop: r.addToLiveLoop,
    inLibrary: r.inLibrary,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    completedAt: r.completedAt == null ? null : iso(r.completedAt),
  };
}

const SORT = {
  created: videoVideos.createdAt,
  updated: videoVideos.updatedAt,
  title: sql`${videoVideos.title} COLLATE NOCASE`,
  duration: videoVideos.durationSec,
} as const;

/** Reads of the video table: one row, or a searched, sorted page of the library. */
export class VideoReader {
  constructor(private readonly db: Db) {}

  row(id: string): VideoRow {
    const r = this.db.select().from(videoVideos).where(eq(videoVideos.id, id)).get();
    if (!r) throw notFound(`Video ${id}`);
    return r;
  }

  get(id: string): Video {
    return toVideo(this.row(id));
  }

  list(q: z.infer<typeof VideoListQuery>): { videos: Video[]; total: number } {
    const where: SQL[] = [];
    if (q.scope === 'library') where.push(eq(videoVideos.inLibrary, true));
    if (q.published) where.push(eq(videoVideos.published, q.published === 'true'));
    const term = q.q?.trim();
    if (term) {
      // LIKE with escaped wildcards: a search for "100%" finds that text, not everything.
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(sql`(${videoVideos.title} LIKE ${like} ESCAPE '\\' OR ${videoVideos.description} LIKE ${like} ESCAPE '\\' OR ${videoVideos.prompt} LIKE ${like} ESCAPE '\\')`);
    }
    const cond = where.length ? and(...where) : undefined;
    const dir = q.order === 'asc' ? asc : desc;
    const rows = this.db
      .select()
      .from(videoVideos)
      .where(cond)
      .orderBy(dir(SORT[q.sort]), dir(videoVideos.createdAt), asc(videoVideos.id))
      .limit(q.limit)
      .offset(q.offset)
      .all();
    const total = this.db.select({ n: sql<number>`count(*)` }).from(videoVideos).where(cond).get()?.n ?? 0;
    return { videos: rows.map(toVideo), total };
  }

  /** The video a pipeline job belongs to, if it still exists. */
  find(id: string): VideoRow | undefined {
    return this.db.select().from(videoVideos).where(eq(videoVideos.id, id)).get();
  }
}
