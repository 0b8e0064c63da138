import { TERMINAL_STATUSES, type Job } from '../../../shared/schemas/jobs.js';
import type { CoreContext } from '../host-context.js';

/**
 * Resolves with the job once it ends (succeeded, failed or cancelled), reporting progress on
 * the way. Events come from the bus — including jobs another process runs, through the
 * runner's change feed — and a slow poll guards against a missed event.
 */
export function waitForJob(
  core: Pick<CoreContext, 'bus' | 'jobs'>,
  jobId: string,
  opts: { timeoutMs: number; signal?: AbortSignal; onProgress?: (job: Job) => void },
): Promise<Job> {
  return new Promise((resolve, reject) => {
    let lastProgress = -1;
    const check = (job: Job) => {
      if (job.id !== jobId) return;
      if (job.progress !== lastProgress) {
        lastProgress = job.progress;
        opts.onProgress?.(job);
      }
      if (TERMINAL_STATUSES.includes(job.status)) finish(() => resolve(job));
    };
    const unsubscribe = core.bus.subscribe((e) => {
      if (e.type === 'job.updated') check(e.job);
    });
    const poll = setInterval(() => check(core.jobs.get(jobId)), 1000);
    const timer = setTimeout(() => finish(() => reject(new Error(`Job ${jobId} did not finish within ${Math.round(opts.timeoutMs / 1000)} s; it is still queued or running — check it with get_job`))), opts.timeoutMs);
    const onAbort = () => finish(() => reject(new Error('Cancelled while waiting for the job')));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    function finish(fn: () => void) {
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    }
    check(core.jobs.get(jobId));
  });
}
