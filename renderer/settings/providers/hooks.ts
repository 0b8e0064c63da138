import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../shared/routes.js';
import type { Job } from '../../../shared/schemas/jobs.js';
import type { ProviderId } from '../../../shared/schemas/providers.js';
import { api } from '../../api/client.js';
import { useEventsStore } from '../../api/eventsStore.js';
import { queryKeys } from '../../api/keys.js';
import { upsertJob } from '../../jobs/cache.js';

export const providerKeys = {
  all: ['providers'] as const,
  table: ['providers', 'table'] as const,
  settings: ['providers', 'settings'] as const,
};

/** Live provider status. The host caches it ~5 s; "Refresh" asks it to look again. */
export function useProviders() {
  return useQuery({
    queryKey: providerKeys.table,
    queryFn: ({ signal }) => api.call('providers.list', { query: {}, signal }),
    staleTime: 15_000,
    refetchOnWindowFocus: false,
  });
}

export function useRefreshProviders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('providers.list', { query: { refresh: 'true' } }),
    onSuccess: (data) => qc.setQueryData(providerKeys.table, data),
  });
}

export function useProviderSettings() {
  return useQuery({
    queryKey: providerKeys.settings,
    queryFn: ({ signal }) => api.call('providers.settings.get', { signal }),
    refetchOnWindowFocus: false,
  });
}

export function useSaveProviderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'providers.settings.update'>) => api.call('providers.settings.update', { body }),
    onSuccess: (view) => {
      qc.setQueryData(providerKeys.settings, view);
      // New URLs or keys change what is reachable and which provider is in use.
      void qc.invalidateQueries({ queryKey: providerKeys.table });
      void qc.invalidateQueries({ queryKey: queryKeys.doctor });
    },
  });
}

export function useTestProvider(id: ProviderId) {
  return useMutation({ mutationFn: () => api.call('providers.test', { params: { id } }) });
}

export function usePullModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (model: string) => api.call('providers.ollama.pull', { body: { model } }),
    onSuccess: (job) => upsertJob(qc, job),
  });
}

const isActive = (job: Job | undefined) => job?.status === 'queued' || job?.status === 'running';

/**
 * One job, kept live by the event stream (LiveUpdates patches the jobs.detail cache entry);
 * polls only while the stream is down and the job is still going.
 */
export function useLiveJob(id: string | null) {
  const live = useEventsStore((s) => s.state === 'open');
  return useQuery({
    queryKey: queryKeys.jobs.detail(id ?? ''),
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id: id! }, signal }),
    enabled: id !== null,
    refetchInterval: (q) => (!live && isActive(q.state.data) ? 1000 : false),
  });
}
