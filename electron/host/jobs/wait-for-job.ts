import { TERMINAL_STATUSES, type Job } from '../../../shared/schemas/jobs.js';
import type { CoreContext } from '../host-context.js';

/**
 * Resolves with the job once it ends (succeeded, completed with problems, failed or cancelled),
 * reporting progress on the way. Events come from the bus — including jobs another process runs,
 * through the runner's change feed — and a slow poll guards against a missed event.
 *
 * timeoutMs counts running time only: time spent queued behind other work (or requeued after a
 * preemption) does not run the clock down. The caller's signal still ends the wait at any time.
 */
export function waitForJob(
  core: Pick<CoreContext, 'bus' | 'jobs'>,
  jobId: string,
  opts: { timeoutMs: number; signal?: AbortSignal; onProgress?: (job: Job) => void },
): Promise<Job> {
  return new Promise((resolve, reject) => {
    let lastProgress = -1;
    let timer: NodeJS.Timeout | undefined;
    let ranMs = 0;
    let runningSince: number | null = null;
    const check = (job: Job) => {
      if (job.id !== jobId) return;
      if (job.progress !== lastProgress) {
        lastProgress = job.progress;
        opts.onProgress?.(job);
      }
      if (TERMINAL_STATUSES.includes(job.status)) return finish(() => resolve(job));
      if (job.status === 'running' && runningSince === null) {
        runningSince = Date.now();
        timer = setTimeout(
          () => finish(() => reject(new Error(`Job ${jobId} ran for ${Math.round(opts.timeoutMs / 1000)} s without finishing; it is still running — check it with get_job`))),
          Math.max(0, opts.timeoutMs - ranMs),
        );
      } else if (job.status === 'queued' && runningSince !== null) {
        ranMs += Date.now() - runningSince;
        runningSince = null;
        clearTimeout(timer);
      }
    };
    const unsubscribe = core.bus.subscribe((e) => {
      if (e.type === 'job.updated') check(e.job);
    });
    const poll = setInterval(() => check(core.jobs.get(jobId)), 1000);
    const onAbort = () => finish(() => reject(new Error('Cancelled while waiting for the job')));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(fn: () => void) {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    }
    check(core.jobs.get(jobId));
  });
}
