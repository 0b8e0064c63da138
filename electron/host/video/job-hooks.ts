import { VideoAddLanguageOutput } from '../../../shared/jobs/video-add-language.js';
import { VideoEntitiesOutput } from '../../../shared/jobs/video-entities.js';
import { parseVideoFailure, progressStage, VideoRenderOutput } from '../../../shared/jobs/video-render.js';
import { VideoScriptOutput } from '../../../shared/jobs/video-script.js';
import { VideoTranslateOutput } from '../../../shared/jobs/video-translate.js';
import type { Job } from '../../../shared/schemas/jobs.js';
import type { VideoStatus } from '../../../shared/schemas/video.js';
import type { JobHooks } from '../jobs/job-hooks.js';
import type { JobRow } from '../jobs/job-row.js';
import type { VideoDeps } from './deps.js';
import { stageOfFailedJob, videoIdOfJob, VIDEO_KINDS } from './pipeline.js';
import { mergeNotes, storeLanguage, storeRender } from './render-results.js';
import { toVideo, type VideoRow } from './rows.js';
import { videoServices } from './services.js';

/**
 * The video pipeline, chained by job hooks (each result is stored on the Video row, then the next
 * stage is queued): video.script → video.render preview → video.render final → completed, then
 * video.entities; add language: video.translate → video.add_language. A job whose video has moved
 * on (deleted, or a newer pipeline job took over) changes nothing. Failures name stage + provider
 * and keep what earlier stages finished.
 */
export function registerVideoJobHooks(core: VideoDeps): void {
  const svc = () => videoServices(core);
  /** The video this pipeline job still drives, or null. */
  const current = (job: JobRow): VideoRow | null => {
    const id = videoIdOfJob(job);
    const row = id ? svc().reader.find(id) : undefined;
    if (!row) return null;
    if (row.jobId !== job.id) {
      core.logger.info(`${job.kind} ${job.id}: video ${row.id} has moved on to job ${row.jobId}; result not applied`);
      return null;
    }
    return row;
  };
  const owner = (job: JobRow): VideoRow | null => {
    const id = videoIdOfJob(job);
    return (id && svc().reader.find(id)) || null;
  };
  const onPipelineFailed = (job: JobRow, error: string): void => {
    const row = current(job);
    if (!row) return;
    const parsed = parseVideoFailure(error);
    const input = job.input as { pass?: unknown; provider?: unknown; providers?: { visuals?: unknown } } | null;
    const stage = parsed && parsed.stage !== 'adding_language' ? parsed.stage : stageOfFailedJob(job.kind, input?.pass, row.status);
    const provider = parsed?.provider ?? (typeof input?.provider === 'string' ? input.provider : job.kind === VIDEO_KINDS.render ? 'ffmpeg' : 'unknown');
    const message = job.status === 'cancelled' ? 'cancelled' : (parsed?.message ?? error);
    svc().pipeline.fail(row.id, { stage, provider, message, jobId: job.id });
  };

  const script: JobHooks = {
    onSucceeded(job, result) {
      const out = VideoScriptOutput.parse(result);
      const row = current(job);
      if (!row) return undefined;
      const s = svc();
      const titleGiven = typeof (job.input as { title?: unknown }).title === 'string';
      const note = out.offline ? `Written by the offline script writer, not an LLM.${out.fallbackReason ? ` ${out.fallbackReason}` : ''}` : null;
      const v = toVideo(row);
      s.pipeline.patch(row.id, {
        script: out.script,
        scriptSource: { writer: out.offline ? 'offline' : 'llm', provider: out.provider, model: out.model, note },
        title: titleGiven ? row.title : out.script.title,
        dirtyScenes: [],
        notes: mergeNotes(v.notes, [...(note ? [note] : []), ...out.warnings]),
        progress: 1,
      });
      try {
        s.pipeline.queueRender(s.reader.row(row.id), row.producePreview ? 'preview' : 'final');
      } catch (err) {
        s.pipeline.fail(row.id, { stage: row.producePreview ? 'rendering_preview' : 'rendering_final', provider: 'host', message: (err as Error).message, jobId: null });
      }
      return undefined;
    },
    onFailed: onPipelineFailed,
  };

  const render: JobHooks = {
    async onSucceeded(job, result) {
      const out = VideoRenderOutput.parse(result);
      const row = current(job);
      if (!row) return undefined;
      const s = svc();
      const video = toVideo(row);
      const stored = await storeRender(core, job, out, video);
      const latest = s.reader.row(row.id);
      const mediaIds = [...new Set([...(latest.mediaIds ?? []), ...stored.mediaIds])];
      // Edits made while this pass rendered stay marked for the next render.
      const renderedScript = JSON.stringify((job.input as { script?: unknown }).script);
      const unchanged = JSON.stringify(latest.script) === renderedScript;
      const dirty = out.pass === 'final' && unchanged ? { dirtyScenes: [] } : {};
      s.pipeline.patch(row.id, { ...stored.patch, ...dirty, mediaIds });
      if (out.pass === 'preview') {
        try {
          s.pipeline.queueRender(s.reader.row(row.id), 'final');
        } catch (err) {
          s.pipeline.fail(row.id, { stage: 'rendering_final', provider: 'host', message: (err as Error).message, jobId: null });
        }
      } else if (video.script) {
        const entitiesJob = s.pipeline.queueEntities(s.reader.row(row.id), video.script);
        if (entitiesJob) s.pipeline.patch(row.id, { entitiesSource: `pending: job ${entitiesJob}` });
      }
      return stored.result;
    },
    onFailed: onPipelineFailed,
  };

  const entities: JobHooks = {
    onSucceeded(job, result) {
      const out = VideoEntitiesOutput.parse(result);
      const row = owner(job);
      if (!row) return undefined;
      svc().pipeline.patch(row.id, {
        entities: out.entities.map((e) => ({ name: e.name, type: e.type, wikiTitle: e.wikiTitle, sceneIds: e.sceneIds })),
        entitiesSource: out.offline ? `none: ${out.reason ?? 'no LLM was used'}` : `${out.provider} ${out.model}`,
      });
      return undefined;
    },
    onFailed(job, error) {
      const row = owner(job);
      if (row) svc().pipeline.patch(row.id, { entitiesSource: `failed: ${error}` });
    },
  };

  const followUpFailed = (job: JobRow, error: string): void => {
    const row = owner(job);
    if (!row) return;
    const lang = languageOf(job);
    const parsed = parseVideoFailure(error);
    const provider = parsed?.provider ?? (typeof (job.input as { provider?: unknown }).provider === 'string' ? (job.input as { provider: string }).provider : 'unknown');
    const message = job.status === 'cancelled' ? 'cancelled' : (parsed?.message ?? error);
    const v = toVideo(row);
    // The video itself still plays: the failure is recorded, its status is left alone.
    svc().pipeline.patch(row.id, {
      error: { stage: 'add_language', provider, message: `${lang ?? 'language'}: ${message}`, jobId: job.id, at: new Date().toISOString() },
      notes: mergeNotes(v.notes.filter((n) => !n.startsWith(`add_language ${lang}:`)), [`add_language ${lang}: failed (${message})`]),
    });
  };

  const translate: JobHooks = {
    onSucceeded(job, result) {
      const out = VideoTranslateOutput.parse(result);
      const row = owner(job);
      if (!row) return undefined;
      const v = toVideo(row);
      const master = v.hlsMasterMediaId ? core.media.get(v.hlsMasterMediaId) : undefined;
      if (!master || !v.final) {
        followUpFailed(job, 'the video has no final HLS package any more');
        return undefined;
      }
      const voice = /-voice-([^/]+)\//.exec(job.idempotencyKey ?? '')?.[1];
      try {
        svc().pipeline.queueAddLanguage(row, {
          language: out.language,
          script: out.script,
          voice: voice ? decodeURIComponent(voice) : null,
          masterPath: core.media.absolutePath(master),
          translatedBy: `${out.provider} ${out.model}`,
        });
      } catch (err) {
        followUpFailed(job, `the dub was not queued: ${(err as Error).message}`);
      }
      return undefined;
    },
    onFailed: followUpFailed,
  };

  const addLanguage: JobHooks = {
    async onSucceeded(job, result) {
      const out = VideoAddLanguageOutput.parse(result);
      const row = owner(job);
      if (!row) return undefined;
      const { patch, mediaIds } = await storeLanguage(core, job, out, toVideo(row));
      const latest = svc().reader.row(row.id);
      svc().pipeline.patch(row.id, { ...patch, mediaIds: [...new Set([...(latest.mediaIds ?? []), ...mediaIds])], error: latest.error && (latest.error as { stage?: string }).stage === 'add_language' ? null : latest.error });
      return undefined;
    },
    onFailed: followUpFailed,
  };

  core.hooks.register(VIDEO_KINDS.script, script);
  core.hooks.register(VIDEO_KINDS.render, render);
  core.hooks.register(VIDEO_KINDS.entities, entities);
  core.hooks.register(VIDEO_KINDS.translate, translate);
  core.hooks.register(VIDEO_KINDS.addLanguage, addLanguage);
  followProgress(core);
}

function languageOf(job: JobRow): string | null {
  const input = job.input as { to?: unknown; language?: unknown };
  return typeof input.to === 'string' ? input.to : typeof input.language === 'string' ? input.language : null;
}

/**
 * A running pipeline job's progress onto its video: queued → generating_script when the script
 * job starts; rendering_final → composing when the render says "composing: …".
 */
function followProgress(core: VideoDeps): void {
  core.bus.subscribe((event) => {
    if (event.type !== 'job.updated' || event.job.status !== 'running') return;
    const job = event.job;
    if (job.kind !== VIDEO_KINDS.script && job.kind !== VIDEO_KINDS.render) return;
    try {
      const id = videoIdOfJob(job);
      const row = id ? videoServices(core).reader.find(id) : undefined;
      // A late progress event never reopens a video its hook already finished or failed.
      if (!row || row.jobId !== job.id || row.status === 'completed' || row.status === 'failed') return;
      const status = statusOf(job, row.status);
      const message = job.progressMessage ?? row.progressMessage;
      if (status === row.status && job.progress === row.progress && message === row.progressMessage) return;
      videoServices(core).pipeline.patch(row.id, { status, progress: job.progress, progressMessage: message });
    } catch (err) {
      core.logger.warn(`video progress for job ${job.id}: ${(err as Error).message}`);
    }
  });
}

function statusOf(job: Job, current: VideoStatus): VideoStatus {
  if (job.kind === VIDEO_KINDS.script) return 'generating_script';
  if ((job.input as { pass?: unknown }).pass === 'preview') return 'rendering_preview';
  const stage = progressStage(job.progressMessage);
  if (stage === 'composing' || (current === 'composing' && stage !== 'rendering_final' && stage !== 'rendering_preview')) return 'composing';
  return 'rendering_final';
}
