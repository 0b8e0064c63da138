import type { VideoAddLanguageInput, VideoAddLanguageOutput } from '../../shared/jobs/video-add-language.js';
import type { TaskHandler } from '../task-context.js';
import { addVideoLanguage } from '../video/render/add-language.js';

/** video.add_language: a translated script → dub audio rendition + subtitles → a new HLS master. */
export const videoAddLanguageTask: TaskHandler<VideoAddLanguageInput, VideoAddLanguageOutput> = (input, ctx) =>
  addVideoLanguage(input, { config: ctx.providers, dataDir: ctx.dataDir, workDir: ctx.workDir, signal: ctx.signal, progress: ctx.progress.bind(ctx), log: ctx.log.bind(ctx) });
