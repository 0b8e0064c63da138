import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../../shared/routes.js';
import type { Channel } from '../../../../shared/schemas/video-liveloop.js';
import { api } from '../../../api/client.js';
import { liveloopKeys } from './liveloop-keys.js';

/** A fresh channel row from a mutation: stored, the list refreshed, and its timeline recomputed. */
export function storeChannel(qc: QueryClient, channel: Channel): void {
  qc.setQueryData(liveloopKeys.channel(channel.id), channel);
  qc.setQueryData<{ channels: Channel[] }>(liveloopKeys.channels, (old) =>
    old ? { channels: old.channels.some((c) => c.id === channel.id) ? old.channels.map((c) => (c.id === channel.id ? channel : c)) : [...old.channels, channel] } : old,
  );
  void qc.invalidateQueries({ queryKey: liveloopKeys.timeline(channel.id) });
}

/** Any item still normalising: the row changes without a user action. */
const busy = (c: Channel | undefined): boolean => !!c?.items.some((i) => i.state === 'normalizing');

export function useChannels() {
  return useQuery({
    queryKey: liveloopKeys.channels,
    queryFn: ({ signal }) => api.call('channels.list', { signal }),
  });
}

/** One channel; re-read every few seconds while items normalise (job events refresh it sooner). */
export function useChannel(id: string | null) {
  return useQuery({
    queryKey: liveloopKeys.channel(id ?? ''),
    queryFn: ({ signal }) => api.call('channels.get', { params: { id: id! }, signal }),
    enabled: !!id,
    refetchInterval: (q) => (busy(q.state.data) ? 5_000 : false),
  });
}

/** The guide (EPG) between two instants. */
export function useGuide(id: string | null, from: string, to: string) {
  return useQuery({
    queryKey: liveloopKeys.guide(id ?? '', from, to),
    queryFn: ({ signal }) => api.call('channels.guide', { params: { id: id! }, query: { from, to }, signal }),
    enabled: !!id,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** What plays at `at` (an ISO instant), for the "preview what plays at" picker. */
export function usePreviewAt(id: string | null, at: string | null) {
  return useQuery({
    queryKey: liveloopKeys.preview(id ?? '', at ?? ''),
    queryFn: ({ signal }) => api.call('channels.preview', { params: { id: id! }, query: { at: at! }, signal }),
    enabled: !!id && !!at,
    retry: false,
  });
}

function useChannelMutation<V>(fn: (v: V) => Promise<Channel>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (c) => storeChannel(qc, c) });
}

export function useCreateChannel() {
  return useChannelMutation((body: RouteBody<'channels.create'>) => api.call('channels.create', { body }));
}

export function useUpdateChannel(id: string) {
  return useChannelMutation((body: RouteBody<'channels.update'>) => api.call('channels.update', { params: { id }, body }));
}

export function useDeleteChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('channels.delete', { params: { id } }),
    onSuccess: ({ id }) => {
      qc.removeQueries({ queryKey: liveloopKeys.channel(id) });
      qc.removeQueries({ queryKey: liveloopKeys.timeline(id) });
      void qc.invalidateQueries({ queryKey: liveloopKeys.channels });
    },
  });
}

export function useAddChannelItem(id: string) {
  return useChannelMutation((body: RouteBody<'channels.items.add'>) => api.call('channels.items.add', { params: { id }, body }));
}

export function useRemoveChannelItem(id: string) {
  return useChannelMutation((key: string) => api.call('channels.items.remove', { params: { id, key } }));
}

export function useReorderPlaylist(id: string) {
  return useChannelMutation((playlist: string[]) => api.call('channels.items.reorder', { params: { id }, body: { playlist } }));
}

export function usePutSchedule(id: string) {
  return useChannelMutation((body: RouteBody<'channels.schedule.put'>) => api.call('channels.schedule.put', { params: { id }, body }));
}
