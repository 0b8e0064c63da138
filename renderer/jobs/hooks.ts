import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RouteBody } from '../../shared/routes.js';
import type { Job } from '../../shared/schemas/jobs.js';
import { api } from '../api/client.js';
import { useEventsStore } from '../api/eventsStore.js';
import { queryKeys, type JobFilter } from '../api/keys.js';
import { upsertJob } from './cache.js';
import { newIdempotencyKey } from './idempotency.js';

const DEFAULT_FILTER: JobFilter = { limit: 100 };
const POLL_MS = 2_000;

function isActive(job: Job): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** Jobs list. Live via the event stream; polls only while events are down and something is active. */
export function useJobs(filter: JobFilter = DEFAULT_FILTER) {
  const live = useEventsStore((s) => s.state === 'open');
  return useQuery({
    queryKey: queryKeys.jobs.list(filter),
    queryFn: ({ signal }) => api.call('jobs.list', { query: filter, signal }),
    refetchInterval: (query) => (!live && query.state.data?.jobs.some(isActive) ? POLL_MS : false),
  });
}

/**
 * Counts per status and kind for the filters. Refetched (at most once a second) whenever the
 * list changes, which live events already do, so the counts follow the jobs without polling.
 */
export function useJobCounts(changeKey: unknown) {
  const qc = useQueryClient();
  const counts = useQuery({
    queryKey: queryKeys.jobs.counts,
    queryFn: ({ signal }) => api.call('jobs.counts', { signal }),
  });
  useEffect(() => {
    const t = setTimeout(() => void qc.invalidateQueries({ queryKey: queryKeys.jobs.counts }), 1000);
    return () => clearTimeout(t);
  }, [changeKey, qc]);
  return counts;
}

export function useJob(id: string) {
  return useQuery({
    queryKey: queryKeys.jobs.detail(id),
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id }, signal }),
  });
}

export function useCreateJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: RouteBody<'jobs.create'>) =>
      api.call('jobs.create', { body: request, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => upsertJob(qc, job),
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('jobs.cancel', { params: { id } }),
    onSuccess: (job) => upsertJob(qc, job),
  });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('jobs.retry', { params: { id } }),
    onSuccess: (job) => upsertJob(qc, job),
  });
}
