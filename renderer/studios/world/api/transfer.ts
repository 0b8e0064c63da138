import { API_PREFIX } from '../../../../shared/routes.js';
import { ImportedAsset } from '../../../../shared/schemas/world-api.js';
import { getConnection } from '../../../api/auth.js';
import { ApiRequestError } from '../../../api/errors.js';

/** Raw-body and download calls the JSON client does not make: GLB import and GLB export. */

async function failure(res: Response, what: string): Promise<ApiRequestError> {
  let message = `${what} failed with HTTP ${res.status}`;
  let code = `http_${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = body.error.message;
    if (body.error?.code) code = body.error.code;
  } catch {
    /* not JSON: keep the status line */
  }
  return new ApiRequestError({ status: res.status, code, message });
}

export async function importGlb(file: File, opts: { worldId?: string; name?: string }): Promise<ImportedAsset> {
  const { apiBase, token } = getConnection();
  const qs = new URLSearchParams();
  if (opts.worldId) qs.set('worldId', opts.worldId);
  qs.set('name', opts.name ?? (file.name.replace(/\.glb$/i, '').slice(0, 200) || 'Imported model'));
  const res = await fetch(`${apiBase}${API_PREFIX}/world/assets/import?${qs}`, {
    method: 'POST',
    headers: { 'Content-Type': 'model/gltf-binary', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  if (!res.ok) throw await failure(res, 'GLB import');
  return ImportedAsset.parse(await res.json());
}
export type ImportedAsset = import('zod').infer<typeof ImportedAsset>;

/** Downloads an API GLB path as a file (the token cannot ride on a plain link). */
export async function downloadGlb(apiPath: string, fileName: string): Promise<void> {
  const { apiBase, token } = getConnection();
  const res = await fetch(`${apiBase}${API_PREFIX}${apiPath}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw await failure(res, 'Export');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
