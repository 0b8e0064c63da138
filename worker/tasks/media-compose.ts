import type { MediaComposeInput, MediaComposeOutput } from '../../shared/jobs/media-compose.js';
import { composeMedia } from '../media/compose.js';
import type { TaskHandler } from '../task-context.js';

export const mediaComposeTask: TaskHandler<MediaComposeInput, MediaComposeOutput> = (input, ctx) =>
  composeMedia(input, { config: ctx.providers, dataDir: ctx.dataDir, workDir: ctx.workDir, signal: ctx.signal, progress: ctx.progress, log: ctx.log });
