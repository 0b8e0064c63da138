import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../../shared/routes.js';
import type { Video } from '../../../../shared/schemas/video.js';
import type { VideoScene } from '../../../../shared/video/script.js';
import { api } from '../../../api/client.js';
import { useEventsStore } from '../../../api/eventsStore.js';
import { videoKeys, type VideoListFilter } from './keys.js';

/** A video still moving through the pipeline (its row changes without a user action). */
export const isVideoActive = (v: Pick<Video, 'status'> | undefined): boolean => !!v && v.status !== 'completed' && v.status !== 'failed';

const refreshLists = (qc: QueryClient): void => void qc.invalidateQueries({ queryKey: videoKeys.lists });

/** Puts a fresh row into its detail entry and refreshes the lists. */
export function storeVideo(qc: QueryClient, video: Video): void {
  qc.setQueryData(videoKeys.detail(video.id), video);
  refreshLists(qc);
}

export function useVideos(filter: VideoListFilter) {
  return useQuery({
    queryKey: videoKeys.list(filter),
    queryFn: ({ signal }) => api.call('videos.list', { query: { ...filter, limit: 200 }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * One video. Live updates come from the events socket (job and video events invalidate it); while a
 * pipeline runs it is also re-read every few seconds as a safety net, faster when the socket is down.
 */
export function useVideo(id: string | null) {
  const live = useEventsStore((s) => s.state === 'open');
  return useQuery({
    queryKey: videoKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.call('videos.get', { params: { id: id! }, signal }),
    enabled: !!id,
    refetchInterval: (q) => (isVideoActive(q.state.data) ? (live ? 4_000 : 1_000) : false),
  });
}

export function useCreateVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'videos.create'>) => api.call('videos.create', { body }),
    onSuccess: ({ video }) => storeVideo(qc, video),
  });
}

export function useUpdateVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'videos.update'> }) => api.call('videos.update', { params: { id }, body }),
    onSuccess: (video) => storeVideo(qc, video),
  });
}

export function usePublishVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, published }: { id: string; published: boolean }) => api.call('videos.publish', { params: { id }, body: { published } }),
    onSuccess: (video) => storeVideo(qc, video),
  });
}

export function useDeleteVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('videos.delete', { params: { id } }),
    onSuccess: ({ id }) => {
      qc.removeQueries({ queryKey: videoKeys.detail(id) });
      refreshLists(qc);
    },
  });
}

export function useRenderVideo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, from }: { id: string; from: 'auto' | 'script' | 'preview' | 'final' }) => api.call('videos.render', { params: { id }, body: { from } }),
    onSuccess: ({ video }) => storeVideo(qc, video),
  });
}

export function useUpdateScene(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ sceneId, body }: { sceneId: string; body: RouteBody<'videos.scenes.update'> }) =>
      api.call('videos.scenes.update', { params: { id: videoId, sceneId }, body }),
    onSuccess: (video) => storeVideo(qc, video),
  });
}

export function usePutScript(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (script: { title: string; scenes: VideoScene[] }) => api.call('videos.script.put', { params: { id: videoId }, body: script }),
    onSuccess: (video) => storeVideo(qc, video),
  });
}

export function useAddLanguage(videoId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'videos.languages.add'>) => api.call('videos.languages.add', { params: { id: videoId }, body }),
    onSuccess: ({ video }) => storeVideo(qc, video),
  });
}

/** A compact Wikipedia summary, asked for only when a chip is opened; cached for the session. */
export function useWiki(entity: string | null) {
  return useQuery({
    queryKey: videoKeys.wiki(entity ?? ''),
    queryFn: ({ signal }) => api.call('video.wiki', { query: { entity: entity! }, signal }),
    enabled: !!entity,
    staleTime: Infinity,
    retry: false,
  });
}
