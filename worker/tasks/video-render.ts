import type { VideoRenderInput, VideoRenderOutput } from '../../shared/jobs/video-render.js';
import type { TaskHandler } from '../task-context.js';
import { renderVideo } from '../video/render/render.js';
import { renderSceneVisual } from '../video/visuals/index.js';

/** video.render: a script → scene pieces (speech + visuals, cached) → MP4 (+ HLS on the final pass). */
export const videoRenderTask: TaskHandler<VideoRenderInput, VideoRenderOutput> = (input, ctx) =>
  renderVideo(input, { config: ctx.providers, dataDir: ctx.dataDir, workDir: ctx.workDir, signal: ctx.signal, progress: ctx.progress.bind(ctx), log: ctx.log.bind(ctx), renderVisual: renderSceneVisual });
