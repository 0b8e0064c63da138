import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../../shared/routes.js';
import { api } from '../../../api/client.js';
import { worldKeys } from './keys.js';

export function useWorlds() {
  return useQuery({ queryKey: worldKeys.worlds, queryFn: ({ signal }) => api.call('world.worlds.list', { signal }) });
}

export function useCreateWorld() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'world.worlds.create'>) => api.call('world.worlds.create', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: worldKeys.worlds }),
  });
}

export function useDeleteWorld() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('world.worlds.delete', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: worldKeys.worlds }),
  });
}

/** An asset's definition; assets are immutable (a new version is a new id), so it never goes stale. */
export function useAsset(id: string | null) {
  return useQuery({
    queryKey: worldKeys.asset(id ?? ''),
    queryFn: ({ signal }) => api.call('world.assets.get', { params: { id: id! }, signal }),
    enabled: !!id,
    staleTime: Infinity,
  });
}

export function useAssets(q: string) {
  return useQuery({
    queryKey: worldKeys.assets(q),
    queryFn: ({ signal }) => api.call('world.assets.list', { query: { q: q || undefined, limit: 100 }, signal }),
  });
}

export function useSimilar(id: string | null) {
  return useQuery({
    queryKey: worldKeys.similar(id ?? ''),
    queryFn: ({ signal }) => api.call('world.assets.similar', { params: { id: id! }, query: { limit: 8 }, signal }),
    enabled: !!id,
  });
}

export function usePrefabs() {
  return useQuery({ queryKey: worldKeys.prefabs, queryFn: ({ signal }) => api.call('world.prefabs.list', { signal }) });
}
