import { formatVideoFailure, type VideoJobStage } from '../../../shared/jobs/video-render.js';
import { ProviderError } from '../../providers/types.js';
import { CancelledError } from '../../task-context.js';

/** A video job failure that names its stage and the provider at fault (shared/jobs/video-render.ts format). */
export class VideoStageError extends Error {
  constructor(
    readonly stage: VideoJobStage,
    readonly provider: string,
    readonly detail: string,
  ) {
    super(formatVideoFailure(stage, provider, detail));
    this.name = 'VideoStageError';
  }
}

/**
 * Runs one step; a failure comes out as a VideoStageError naming the stage and the provider (the
 * one a ProviderError names, else `provider`). Cancellation passes through untouched.
 */
export async function atStage<T>(stage: VideoJobStage, provider: string, what: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (signal.aborted || err instanceof CancelledError) throw err instanceof CancelledError ? err : new CancelledError();
    if (err instanceof VideoStageError) throw err;
    const p = err instanceof ProviderError ? err.provider : provider;
    throw new VideoStageError(stage, p, `${what}: ${(err as Error).message ?? String(err)}`);
  }
}
