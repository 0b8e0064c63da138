import type { Job } from '../../../../shared/schemas/jobs.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** What an agent needs of a job: where it is, how far, what came out or why it failed. */
export function jobSummary(job: Job): Record<string, unknown> {
  return {
    job_id: job.id,
    kind: job.kind,
    status: job.status,
    /** True only for succeeded: completed_with_problems and failed jobs did not produce what was asked. */
    ok: job.status === 'succeeded',
    priority: job.priority,
    progress: job.progress,
    progress_message: job.progressMessage,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    error: job.error,
    result: job.result,
    created_at: job.createdAt,
    finished_at: job.finishedAt,
  };
}

export function registerJobTools(d: ToolDeps): void {
  registerTool(d.server, 'get_job', { title: 'Get job', description: 'Status, progress and result of a studio job (renders, generations, …) by id.' }, d, async (args, env) =>
    jsonResult(jobSummary(env.core.jobs.get(args.job_id))),
  );
  registerTool(d.server, 'list_jobs', { title: 'List jobs', description: 'Recent studio jobs, newest first, optionally filtered by status (queued, running, succeeded, completed_with_problems, failed, cancelled) or kind. A failed shader.render keeps its output (diagnostics) in result.' }, d, async (args, env) =>
    jsonResult({ jobs: env.core.jobs.list({ status: args.status, kind: args.kind, limit: args.limit }).map(jobSummary) }),
  );
}
