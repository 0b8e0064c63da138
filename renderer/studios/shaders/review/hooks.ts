import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.js';

const QUEUE = ['moderation-queue'] as const;

export function useReviewQueue() {
  return useQuery({ queryKey: QUEUE, queryFn: ({ signal }) => api.call('admin.queue', { signal }), refetchInterval: 10_000 });
}

export function useReview() {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: QUEUE });
    void qc.invalidateQueries({ queryKey: ['api-keys'] });
  };
  return {
    approve: useMutation({ mutationFn: (id: string) => api.call('admin.approve', { params: { id } }), onSuccess: done }),
    reject: useMutation({ mutationFn: (v: { id: string; reason: string }) => api.call('admin.reject', { params: { id: v.id }, body: { reason: v.reason } }), onSuccess: done }),
  };
}
