import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { RouteResponse } from '../../shared/routes.js';
import type { Job } from '../../shared/schemas/jobs.js';
import { queryKeys, type JobFilter } from '../api/keys.js';

type JobList = RouteResponse<'jobs.list'>;

const DEFAULT_LIMIT = 100;

function isNewer(incoming: Job, existing: Job): boolean {
  // Events and mutation responses can race; never let an older snapshot overwrite a newer one.
  return Date.parse(incoming.updatedAt) >= Date.parse(existing.updatedAt);
}

function matches(job: Job, filter: JobFilter | undefined): boolean {
  if (filter?.status && filter.status !== job.status) return false;
  if (filter?.kind && filter.kind !== job.kind) return false;
  return true;
}

function newestFirst(a: Job, b: Job): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/** Pure: the list with `job` inserted, replaced or removed according to the list's filter. */
export function mergeJobIntoList(list: JobList, job: Job, filter?: JobFilter): JobList {
  const index = list.jobs.findIndex((j) => j.id === job.id);
  const existing = index >= 0 ? list.jobs[index] : undefined;
  if (existing && !isNewer(job, existing)) return list;
  if (!matches(job, filter)) {
    return existing ? { ...list, jobs: list.jobs.filter((j) => j.id !== job.id) } : list;
  }
  if (existing) {
    const jobs = list.jobs.slice();
    jobs[index] = job;
    return { ...list, jobs };
  }
  // A new job belongs on the first page; an older page only updates the jobs it shows.
  if (filter?.cursor) return list;
  const jobs = [job, ...list.jobs].sort(newestFirst).slice(0, filter?.limit ?? DEFAULT_LIMIT);
  return { ...list, jobs };
}

function filterOf(key: QueryKey): JobFilter | undefined {
  const f = key[2];
  return f && typeof f === 'object' ? (f as JobFilter) : undefined;
}

/** Push one job snapshot into every cached jobs list and its detail entry: no refetch needed. */
export function upsertJob(qc: QueryClient, job: Job): void {
  const detailKey = queryKeys.jobs.detail(job.id);
  const detail = qc.getQueryData<Job>(detailKey);
  if (detail && isNewer(job, detail)) qc.setQueryData(detailKey, job);

  for (const [key, data] of qc.getQueriesData<JobList>({ queryKey: queryKeys.jobs.lists })) {
    if (!data) continue;
    const next = mergeJobIntoList(data, job, filterOf(key));
    if (next !== data) qc.setQueryData(key, next);
  }
}
