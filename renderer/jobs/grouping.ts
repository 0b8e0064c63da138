import type { Job, JobStatus } from '../../shared/schemas/jobs.js';

export interface JobGroup {
  kind: string;
  jobs: Job[];
  /** How many of the group's jobs are in each status (only statuses present). */
  byStatus: Partial<Record<JobStatus, number>>;
  /** Distinct reasons of the group's failed and problem jobs, most frequent first. */
  reasons: Array<{ reason: string; count: number; status: JobStatus }>;
}

const REASON_STATUSES: readonly JobStatus[] = ['failed', 'completed_with_problems'];

/**
 * Pure: runs of consecutive jobs of the same kind (newest first, as listed) become one group, so
 * 45 seed renders read as "45 × shader.render" with their outcomes and failure reasons.
 */
export function groupJobs(jobs: readonly Job[]): JobGroup[] {
  const groups: JobGroup[] = [];
  for (const job of jobs) {
    const last = groups[groups.length - 1];
    if (last && last.kind === job.kind) last.jobs.push(job);
    else groups.push({ kind: job.kind, jobs: [job], byStatus: {}, reasons: [] });
  }
  for (const g of groups) {
    const reasons = new Map<string, { reason: string; count: number; status: JobStatus }>();
    for (const j of g.jobs) {
      g.byStatus[j.status] = (g.byStatus[j.status] ?? 0) + 1;
      if (!REASON_STATUSES.includes(j.status) || !j.error) continue;
      const key = `${j.status}\u0000${j.error}`;
      const r = reasons.get(key) ?? { reason: j.error, count: 0, status: j.status };
      r.count++;
      reasons.set(key, r);
    }
    g.reasons = [...reasons.values()].sort((a, b) => b.count - a.count);
  }
  return groups;
}
