import type { ShotsAnimaticInput, ShotsAnimaticOutput } from '../../shared/jobs/shots-animatic.js';
import { renderAnimatic } from '../shots/animatic.js';
import type { TaskHandler } from '../task-context.js';

/** shots.animatic: a scene's shots as an MP4 (reference image or title card, caption, spoken dialogue). */
export const shotsAnimaticTask: TaskHandler<ShotsAnimaticInput, ShotsAnimaticOutput> = (input, ctx) =>
  renderAnimatic(input, { config: ctx.providers, dataDir: ctx.dataDir, workDir: ctx.workDir, signal: ctx.signal, progress: ctx.progress.bind(ctx), log: ctx.log.bind(ctx) });
