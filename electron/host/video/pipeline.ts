import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { jobKindSpec } from '../../../shared/jobs/registry.js';
import { PRIORITY_INTERACTIVE, TERMINAL_STATUSES, type Job } from '../../../shared/schemas/jobs.js';
import type { Video, VideoStage, VideoStageError, VideoStatus } from '../../../shared/schemas/video.js';
import type { VideoScript } from '../../../shared/video/script.js';
import { videoVideos } from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import type { VideoDeps } from './deps.js';
import { toVideo, type VideoReader, type VideoRow } from './rows.js';

/** The job kinds of the pipeline (shared/jobs/video-*.ts). */
export const VIDEO_KINDS = {
  script: 'video.script',
  render: 'video.render',
  entities: 'video.entities',
  translate: 'video.translate',
  addLanguage: 'video.add_language',
} as const;

/** Statuses while a pipeline job is queued or running. */
export const ACTIVE_STATUSES: readonly VideoStatus[] = ['queued', 'generating_script', 'rendering_preview', 'rendering_final', 'composing'];

/**
 * Jobs whose input has no videoId (script, entities, translate) carry it in their idempotency key:
 * "video/<videoId>/<what>/<uuid>", unique per submit so a new run is never deduplicated away.
 */
export function videoKey(videoId: string, what: string): string {
  return `video/${videoId}/${what}/${randomUUID()}`;
}

export function videoIdOfJob(job: { input: unknown; idempotencyKey: string | null }): string | null {
  const input = job.input as { videoId?: unknown } | null;
  if (typeof input?.videoId === 'string') return input.videoId;
  const m = /^video\/([^/]+)\//.exec(job.idempotencyKey ?? '');
  return m ? m[1]! : null;
}

export type VideoPatch = Partial<Omit<typeof videoVideos.$inferInsert, 'id' | 'createdAt'>>;

/**
 * Queues the pipeline's jobs and moves the Video row between the seed's states. Job hooks call
 * it to chain the next stage; routes and MCP call it to start, resume or extend a video.
 */
export class VideoPipeline {
  constructor(
    private readonly deps: VideoDeps,
    private readonly reader: VideoReader,
  ) {}

  /** Writes a patch (bumping updated_at) and tells WebSocket clients. */
  patch(id: string, patch: VideoPatch): Video {
    const row = this.deps.database.db
      .update(videoVideos)
      .set({ ...patch, updatedAt: Date.now() })
      .where(eq(videoVideos.id, id))
      .returning()
      .get();
    if (!row) throw new AppError(404, 'not_found', `Video ${id} was not found`);
    const video = toVideo(row);
    this.deps.bus.publish({ type: 'domain', topic: 'video.changed', id, data: video });
    return video;
  }

  private submit(kind: string, input: Record<string, unknown>, idempotencyKey: string): Job {
    if (!jobKindSpec(kind)) throw new AppError(503, 'not_available', `The ${kind} job is not available in this build, so nothing was queued`);
    return this.deps.jobs.submit({ kind, input, idempotencyKey, userId: this.deps.ownerUserId, priority: PRIORITY_INTERACTIVE }).job;
  }

  /** 409 while a pipeline job of this video is still queued or running. */
  assertIdle(row: VideoRow): void {
    if (!ACTIVE_STATUSES.includes(row.status) || !row.jobId) return;
    const job = this.jobOrNull(row.jobId);
    if (job && !TERMINAL_STATUSES.includes(job.status)) {
      throw conflict(`Video ${row.id} is ${row.status.replace(/_/g, ' ')} (job ${job.id}); wait for it or cancel that job first`);
    }
  }

  jobOrNull(id: string): Job | null {
    try {
      return this.deps.jobs.get(id);
    } catch {
      return null;
    }
  }

  queueScript(row: VideoRow, titleGiven: boolean): { video: Video; jobId: string } {
    const providers = toVideo(row).providers;
    const job = this.submit(
      VIDEO_KINDS.script,
      {
        prompt: row.prompt,
        ...(titleGiven ? { title: row.title } : {}),
        style: row.style,
        language: row.language,
        durationTarget: row.durationTarget,
        provider: providers.llm,
      },
      videoKey(row.id, 'script'),
    );
    const video = this.patch(row.id, { status: 'queued', jobId: job.id, progress: 0, progressMessage: 'waiting for the script writer', error: null });
    return { video, jobId: job.id };
  }

  queueRender(row: VideoRow, pass: 'preview' | 'final'): { video: Video; jobId: string } {
    const v = toVideo(row);
    if (!v.script) throw conflict(`Video ${row.id} has no script yet; write one first (POST /videos/${row.id}/render with from=script)`);
    const job = this.submit(
      VIDEO_KINDS.render,
      {
        videoId: row.id,
        pass,
        script: v.script,
        voice: v.voice,
        language: v.language,
        style: v.style,
        providers: { tts: v.providers.tts, visuals: v.providers.visuals, captions: v.providers.captions },
      },
      videoKey(row.id, `render-${pass}`),
    );
    const status: VideoStatus = pass === 'preview' ? 'rendering_preview' : 'rendering_final';
    const video = this.patch(row.id, { status, jobId: job.id, progress: 0, progressMessage: `${status}: waiting for a worker`, error: null });
    return { video, jobId: job.id };
  }

  /** NER over the script for the wiki chips; a follow-up that never blocks the video. */
  queueEntities(row: VideoRow, script: VideoScript): string | null {
    try {
      const job = this.submit(VIDEO_KINDS.entities, { script, language: row.language, provider: toVideo(row).providers.llm }, videoKey(row.id, 'entities'));
      return job.id;
    } catch (err) {
      this.deps.logger.warn(`video ${row.id}: entities not queued: ${(err as Error).message}`);
      return null;
    }
  }

  /** Translation first (LLM only), then the add_language job from its hook. */
  queueTranslate(row: VideoRow, language: string, voice: string | undefined): { video: Video; jobId: string } {
    const v = toVideo(row);
    if (!v.script || !v.final || !v.hlsMasterMediaId) throw conflict(`Video ${row.id} has no final render with HLS yet; a language is added to a finished video`);
    if (language.toLowerCase() === v.language.toLowerCase() || v.languages.some((l) => l.toLowerCase() === language.toLowerCase())) {
      throw conflict(`Video ${row.id} already has ${language}`);
    }
    if (v.providers.llm === 'embedded') {
      throw conflict('Adding a language needs an LLM to translate the script, and this video was set to the offline writer (providers.llm = embedded); there is no offline translation');
    }
    const what = `translate-${language}${voice ? `-voice-${encodeURIComponent(voice)}` : ''}`;
    const job = this.submit(
      VIDEO_KINDS.translate,
      { script: v.script, from: v.language, to: language, provider: v.providers.llm === 'auto' ? 'auto' : v.providers.llm },
      videoKey(row.id, what),
    );
    const video = this.patch(row.id, { notes: [...v.notes.filter((n) => !n.startsWith(`add_language ${language}:`)), `add_language ${language}: translating the script (job ${job.id})`] });
    return { video, jobId: job.id };
  }

  /** The dub itself, once the translation exists: placed on the final render's scene timeline. */
  queueAddLanguage(row: VideoRow, req: { language: string; script: VideoScript; voice: string | null; masterPath: string; translatedBy: string }): string {
    const v = toVideo(row);
    const timeline = v.scenes.filter((s) => s.durationSec > 0).map((s) => ({ sceneId: s.sceneId, startSec: s.startSec, durationSec: s.durationSec }));
    const job = this.submit(
      VIDEO_KINDS.addLanguage,
      {
        videoId: row.id,
        language: req.language,
        script: req.script,
        voice: req.voice ?? v.voice,
        tts: v.providers.tts,
        timeline,
        durationSec: v.durationSec ?? v.final?.durationSec,
        masterPath: req.masterPath,
        style: v.style,
      },
      videoKey(row.id, `add-language-${req.language}`),
    );
    this.patch(row.id, {
      notes: [...v.notes.filter((n) => !n.startsWith(`add_language ${req.language}:`)), `add_language ${req.language}: translated by ${req.translatedBy}; voicing it (job ${job.id})`],
    });
    return job.id;
  }

  /**
   * Resume or redo: auto picks the failed stage (done scenes come from the render cache), or
   * after edits renders preview then final again. 409 while a job of this video is running.
   */
  render(id: string, from: 'auto' | 'script' | 'preview' | 'final'): { video: Video; jobId: string } {
    const row = this.reader.row(id);
    this.assertIdle(row);
    const v = toVideo(row);
    let stage: 'script' | 'preview' | 'final' = from === 'auto' ? 'preview' : from;
    if (from === 'auto') {
      const failed = row.status === 'failed' ? v.error?.stage : null;
      if (!v.script || failed === 'generating_script') stage = 'script';
      else if (failed === 'rendering_final' || failed === 'composing') stage = 'final';
      else stage = v.producePreview ? 'preview' : 'final';
    }
    if (stage === 'script') return this.queueScript(row, titleWasGiven(row));
    return this.queueRender(row, stage);
  }

  /** Marks the video failed at a stage, naming the provider; finished pieces stay. */
  fail(id: string, error: Omit<VideoStageError, 'at'>): Video {
    return this.patch(id, { status: 'failed', error: { ...error, at: new Date().toISOString() }, progressMessage: `${error.stage}: failed` });
  }
}

/** A title the user typed is kept over the script's; a provisional one (from the prompt) is not. */
export function titleWasGiven(row: Pick<VideoRow, 'title' | 'prompt'>): boolean {
  return row.title !== provisionalTitle(row.prompt);
}

/** Until the script names it: the prompt's first words. */
export function provisionalTitle(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  return words.length > 80 ? `${words.slice(0, 79)}…` : words;
}

export const stageOfFailedJob = (kind: string, pass: unknown, status: VideoStatus): VideoStage =>
  kind === VIDEO_KINDS.script ? 'generating_script' : kind === VIDEO_KINDS.render ? (status === 'composing' ? 'composing' : pass === 'preview' ? 'rendering_preview' : 'rendering_final') : kind === VIDEO_KINDS.entities ? 'entities' : 'add_language';
