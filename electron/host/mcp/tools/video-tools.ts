import { readFileSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Video } from '../../../../shared/schemas/video.js';
import { videoServices } from '../../video/services.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const file = (id: string | null | undefined) => (id ? `/api/v1/media/${id}/file` : null);

/** What an agent needs of a video: where it is in the pipeline, why it failed, what exists and where. */
function videoBrief(v: Video, full: boolean): Record<string, unknown> {
  return {
    videoId: v.id,
    title: v.title,
    status: v.status,
    progress: v.progress,
    progressMessage: v.progressMessage,
    jobId: v.jobId,
    error: v.error,
    inLibrary: v.inLibrary,
    published: v.published,
    addToLiveLoop: v.addToLiveLoop,
    durationSec: v.durationSec,
    languages: v.languages,
    createdAt: v.createdAt,
    mp4: file(v.final?.mediaId),
    previewMp4: file(v.preview?.mediaId),
    hlsMaster: file(v.hlsMasterMediaId),
    poster: file(v.posterMediaId),
    thumbnail: file(v.thumbnailMediaId),
    ...(full
      ? {
          prompt: v.prompt,
          style: v.style,
          voice: v.voice,
          scriptSource: v.scriptSource,
          scenes: v.script?.scenes.map((s) => ({ ...s, provenance: v.scenes.find((p) => p.sceneId === s.id) ?? null })) ?? null,
          captions: v.captions.map((c) => ({ language: c.language, label: c.label, vtt: file(c.mediaId), source: c.source })),
          audioTracks: v.audioTracks,
          chapters: v.chapters,
          entities: v.entities,
          notes: v.notes,
        }
      : {}),
  };
}

/** Video studio tools: generate a video from a prompt, read one (with its poster), list the library. */
export function registerVideoTools(d: ToolDeps): void {
  const svc = () => videoServices(d.core);

  registerTool(
    d.server,
    'generate_video',
    {
      title: 'Generate a video',
      description:
        'Prompt → script → voice → visuals → a 640x360 preview MP4, then the final 1280x720 MP4 + HLS + captions. Returns at once with the video id and the job id; follow it with get_video (status: queued, generating_script, rendering_preview, rendering_final, composing, completed or failed with the stage and provider).',
    },
    d,
    async (args) => {
      const r = svc().videos.create({
        prompt: args.prompt,
        ...(args.title ? { title: args.title } : {}),
        style: args.style,
        ...(args.voice ? { voice: args.voice } : {}),
        language: args.language,
        duration_target: args.duration_target,
        produce_preview: args.produce_preview,
      });
      return jsonResult({ ...videoBrief(r.video, false), jobId: r.jobId });
    },
  );

  registerTool(
    d.server,
    'get_video',
    { title: 'Get a video', description: 'One video: status and progress, the stage error if it failed, the script with per-scene provenance, media URLs (relative to the host), captions, chapters, entities; the poster comes as an image when it exists.' },
    d,
    async (args, env): Promise<CallToolResult> => {
      const v = svc().reader.get(args.video_id);
      const result = jsonResult(videoBrief(v, true));
      const media = v.posterMediaId ? env.core.media.get(v.posterMediaId) : v.thumbnailMediaId ? env.core.media.get(v.thumbnailMediaId) : undefined;
      if (media) result.content.push({ type: 'image', data: readFileSync(env.core.media.absolutePath(media)).toString('base64'), mimeType: media.mime });
      return result;
    },
  );

  registerTool(
    d.server,
    'list_videos',
    { title: 'List videos', description: 'The video library (finished videos, newest first), searched by title, description and prompt; include_unfinished adds those still rendering or failed.' },
    d,
    async (args) => {
      const r = svc().reader.list({ q: args.query, sort: 'created', order: 'desc', scope: args.include_unfinished ? 'all' : 'library', limit: args.limit, offset: 0 });
      return jsonResult({ total: r.total, videos: r.videos.map((v) => videoBrief(v, false)) });
    },
  );
}
