import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_PREFIX } from '../../../../shared/routes.js';
import { ApiError } from '../../../../shared/schemas/common.js';
import { ARCADE_LIMITS, ArcadeGame } from '../../../../shared/schemas/video-arcade.js';
import { api } from '../../../api/client.js';
import { getConnection } from '../../../api/auth.js';
import { ApiRequestError } from '../../../api/errors.js';

export const arcadeKeys = { games: ['arcade', 'games'] as const };

export function useArcadeGames() {
  return useQuery({ queryKey: arcadeKeys.games, queryFn: ({ signal }) => api.call('arcade.games.list', { signal }) });
}

export function useDeleteGame() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('arcade.games.delete', { params: { id } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: arcadeKeys.games }),
  });
}

/**
 * POST /arcade/games with the zip as the raw body. XMLHttpRequest, not fetch: fetch reports no
 * upload progress. Too-large files are refused here before a byte is sent (the host checks again).
 */
export function uploadGame(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ArcadeGame> {
  if (file.size > ARCADE_LIMITS.maxZipBytes) {
    return Promise.reject(new ApiRequestError({ status: 413, code: 'payload_too_large', message: `“${file.name}” is ${(file.size / 1024 ** 2).toFixed(0)} MB; game bundles are limited to ${ARCADE_LIMITS.maxZipBytes / 1024 ** 2} MB.` }));
  }
  const { apiBase, token } = getConnection();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiBase}${API_PREFIX}/arcade/games?filename=${encodeURIComponent(file.name)}`);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiRequestError({ status: 0, code: 'network_error', message: `The upload of “${file.name}” did not reach the studio host.` }));
    xhr.onabort = () => reject(new ApiRequestError({ status: 0, code: 'aborted', message: 'Upload cancelled.' }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201) {
        const game = ArcadeGame.safeParse(body);
        return game.success ? resolve(game.data) : reject(new ApiRequestError({ status: 201, code: 'invalid_response', message: "The host's answer does not match the API contract." }));
      }
      const err = ApiError.safeParse(body);
      reject(err.success ? new ApiRequestError({ status: xhr.status, ...err.data.error }) : new ApiRequestError({ status: xhr.status, code: `http_${xhr.status}`, message: `The upload failed with HTTP ${xhr.status}.` }));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
