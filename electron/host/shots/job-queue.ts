import { jobKindSpec } from '../../../shared/jobs/registry.js';
import type { Job } from '../../../shared/schemas/jobs.js';
import { PRIORITY_INTERACTIVE } from '../../../shared/schemas/jobs.js';
import { AppError } from '../errors.js';
import type { ShotsDeps } from './deps.js';

/** The pipeline's job kinds (shared/jobs/shots-*.ts) and the input each takes from here. */
export const SHOTS_KINDS = {
  breakdown: 'shots.breakdown',
  payload: 'shots.payload',
  animatic: 'shots.animatic',
  veo: 'shots.veo_submit',
} as const;

export const kindAvailable = (kind: string): boolean => !!jobKindSpec(kind);

/** Queues a pipeline job; a kind this build lacks is a clear 503, never a pretend success. */
export function queueShotsJob(deps: ShotsDeps, kind: string, input: Record<string, unknown>): Job {
  if (!kindAvailable(kind)) throw new AppError(503, 'not_available', `The ${kind} job is not available in this build, so nothing was queued`);
  return deps.jobs.submit({ kind, input, userId: deps.ownerUserId, priority: PRIORITY_INTERACTIVE }).job;
}
