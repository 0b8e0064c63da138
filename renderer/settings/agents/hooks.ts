import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../shared/routes.js';
import { api } from '../../api/client.js';

const KEYS = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({ queryKey: KEYS, queryFn: ({ signal }) => api.call('apiKeys.list', { signal }) });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'apiKeys.create'>) => api.call('apiKeys.create', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEYS }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('apiKeys.revoke', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEYS }),
  });
}

export function useMcpConfig() {
  return useQuery({ queryKey: ['mcp-config'], queryFn: ({ signal }) => api.call('mcp.config', { signal }), staleTime: Infinity });
}
