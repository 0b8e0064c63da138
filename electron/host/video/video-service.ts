import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Response } from 'express';
import type { z } from 'zod';
import { TERMINAL_STATUSES } from '../../../shared/schemas/jobs.js';
import { VideoProviderChoices, type CreateVideoBody, type UpdateVideoBody, type UpdateVideoSceneBody, type Video, type VideoWithJob } from '../../../shared/schemas/video.js';
import { sceneHashInput, VideoScript } from '../../../shared/video/script.js';
import { videoVideos } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { VideoDeps } from './deps.js';
import { removeVideoMedia } from './media-cleanup.js';
import { provisionalTitle, type VideoPipeline } from './pipeline.js';
import { toVideo, type VideoReader } from './rows.js';

/** Creating, editing, publishing, exporting and deleting videos. */
export class VideoService {
  constructor(
    private readonly deps: VideoDeps,
    private readonly reader: VideoReader,
    private readonly pipeline: VideoPipeline,
  ) {}

  /** The seed's POST: a row in `queued`, then the script job; the hooks chain the rest. */
  create(body: CreateVideoBody): VideoWithJob {
    const id = randomUUID();
    const now = Date.now();
    const row = this.deps.database.db
      .insert(videoVideos)
      .values({
        id,
        title: body.title ?? provisionalTitle(body.prompt),
        prompt: body.prompt,
        style: body.style,
        voice: body.voice ?? null,
        language: body.language,
        durationTarget: body.duration_target,
        producePreview: body.produce_preview,
        providers: VideoProviderChoices.parse(body.providers ?? {}),
        status: 'queued',
        languages: [body.language],
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    try {
      return this.pipeline.queueScript(row, body.title !== undefined);
    } catch (err) {
      // Nothing was queued: no row that would wait forever.
      this.deps.database.db.delete(videoVideos).where(eq(videoVideos.id, id)).run();
      throw err;
    }
  }

  update(id: string, body: z.infer<typeof UpdateVideoBody>): Video {
    const row = this.reader.row(id);
    if ((body.published || body.addToLiveLoop) && !row.inLibrary) {
      throw conflict(`Video ${id} has no final render yet; only a finished video can be published or added to LiveLoop`);
    }
    return this.pipeline.patch(id, body);
  }

  publish(id: string, published: boolean): Video {
    return this.update(id, { published });
  }

  /** Replaces the script; changed scenes are marked for the next render. */
  putScript(id: string, script: VideoScript): Video {
    const row = this.reader.row(id);
    this.assertNotWriting(row.status, id);
    const old = toVideo(row).script;
    const before = new Map(old?.scenes.map((s) => [s.id, sceneHashInput(s)]));
    const changed = script.scenes.filter((s) => before.get(s.id) !== sceneHashInput(s)).map((s) => s.id);
    const orderChanged = !!old && old.scenes.map((s) => s.id).join('\n') !== script.scenes.map((s) => s.id).join('\n');
    return this.saveScript(id, script, [...changed, ...(orderChanged ? ['order'] : [])]);
  }

  updateScene(id: string, sceneId: string, body: z.infer<typeof UpdateVideoSceneBody>): Video {
    const row = this.reader.row(id);
    this.assertNotWriting(row.status, id);
    const script = toVideo(row).script;
    if (!script) throw conflict(`Video ${id} has no script yet`);
    const index = script.scenes.findIndex((s) => s.id === sceneId);
    if (index < 0) throw notFound(`Scene ${sceneId} of video ${id}`);
    const { order, ...fields } = body;
    const scenes = [...script.scenes];
    const scene = { ...scenes[index]!, ...fields };
    scenes.splice(index, 1);
    scenes.splice(order === undefined ? index : Math.min(order, scenes.length), 0, scene);
    const parsed = VideoScript.safeParse({ ...script, scenes });
    if (!parsed.success) throw badRequest(`That edit makes the script invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`, parsed.error.issues);
    const moved = order !== undefined && order !== index;
    return this.saveScript(id, parsed.data, [sceneId, ...(moved ? ['order'] : [])]);
  }

  private saveScript(id: string, script: VideoScript, dirty: string[]): Video {
    const v = toVideo(this.reader.row(id));
    const dirtyScenes = [...new Set([...v.dirtyScenes, ...dirty])];
    const source = v.scriptSource ?? { writer: 'edited' as const, provider: null, model: null, note: null };
    return this.pipeline.patch(id, { script, dirtyScenes, scriptSource: { ...source, writer: 'edited', note: source.note } });
  }

  private assertNotWriting(status: string, id: string): void {
    if (status === 'queued' || status === 'generating_script') throw conflict(`Video ${id} is still writing its script; edit it once the script exists`);
  }

  /** Streams the final MP4 as a download. */
  exportMp4(id: string, res: Response): void {
    const v = this.reader.get(id);
    const media = v.final ? this.deps.media.get(v.final.mediaId) : undefined;
    if (!v.final || !media) throw conflict(`Video ${id} has no final MP4 yet`);
    const name = `${v.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'video'}.mp4`;
    res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.type('video/mp4').sendFile(this.deps.media.absolutePath(media));
  }

  /** Deletes the row; its running job is cancelled and its media removed unless shared. */
  delete(id: string): { ok: true; id: string; removedMedia: number; keptShared: number } {
    const row = this.reader.row(id);
    if (row.jobId) {
      const job = this.pipeline.jobOrNull(row.jobId);
      if (job && !TERMINAL_STATUSES.includes(job.status)) {
        try {
          this.deps.jobs.cancel(job.id);
        } catch (err) {
          this.deps.logger.warn(`video ${id}: could not cancel job ${job.id}: ${(err as Error).message}`);
        }
      }
    }
    const mediaIds = Array.isArray(row.mediaIds) ? row.mediaIds : [];
    this.deps.database.db.delete(videoVideos).where(eq(videoVideos.id, id)).run();
    const { removed, kept } = removeVideoMedia(this.deps, mediaIds);
    this.deps.bus.publish({ type: 'domain', topic: 'video.deleted', id, data: null });
    return { ok: true, id, removedMedia: removed, keptShared: kept };
  }
}
