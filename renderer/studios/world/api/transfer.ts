import { ImportedAsset } from '../../../../shared/schemas/world-api.js';
import { rawFetch, saveResponse } from '../../../api/raw-fetch.js';

/** Raw-body and download calls the JSON client does not make: GLB import and GLB export. */

export async function importGlb(file: File, opts: { worldId?: string; name?: string }): Promise<ImportedAsset> {
  const qs = new URLSearchParams();
  if (opts.worldId) qs.set('worldId', opts.worldId);
  qs.set('name', opts.name ?? (file.name.replace(/\.glb$/i, '').slice(0, 200) || 'Imported model'));
  const res = await rawFetch(`/world/assets/import?${qs}`, 'GLB import', { method: 'POST', headers: { 'Content-Type': 'model/gltf-binary' }, body: file });
  return ImportedAsset.parse(await res.json());
}
export type ImportedAsset = import('zod').infer<typeof ImportedAsset>;

/** Downloads an API GLB path as a file (the token cannot ride on a plain link). */
export async function downloadGlb(apiPath: string, fileName: string): Promise<void> {
  await saveResponse(await rawFetch(apiPath, 'Export'), fileName);
}
