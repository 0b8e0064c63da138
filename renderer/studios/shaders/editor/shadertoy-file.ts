import { fromShadertoy, ShadertoyImportError, toShadertoy, type ShadertoyDocument } from '../../../../shared/shaders/shadertoy-format.js';
import { api } from '../../../api/client.js';
import type { Draft } from './draft.js';

/** Reads a Shadertoy JSON export into a draft; throws with a message fit to show the user. */
export async function importShadertoyFile(file: File): Promise<Draft> {
  if (file.size > 512 * 1024) throw new Error(`${file.name} is ${(file.size / 1024).toFixed(0)} KiB; a Shadertoy export is at most 512 KiB`);
  const text = await file.text();
  try {
    const { source, meta } = fromShadertoy(text);
    const credit = meta.author ? `Imported from Shadertoy (${meta.author}${meta.shadertoyId ? `, ${meta.shadertoyId}` : ''}).` : '';
    return {
      title: meta.title || file.name.replace(/\.json$/i, ''),
      description: [meta.description, credit].filter(Boolean).join('\n\n'),
      tags: meta.tags.map((t) => t.toLowerCase()).slice(0, 10),
      source,
    };
  } catch (err) {
    if (err instanceof ShadertoyImportError) {
      throw new Error(err.unsupported.length ? `${err.message}` : `${file.name}: ${err.message}`);
    }
    throw err;
  }
}

/**
 * Downloads the shader as a Shadertoy API document (`{ Shader: { info, renderpass } }`). A saved
 * shader without unsaved changes comes from the host, which writes back what its import held
 * (info block, input ids, sampler flags); anything else is converted from the draft here.
 */
export async function exportShadertoyFile(draft: Draft, saved?: { id: string; dirty: boolean }): Promise<void> {
  const doc: ShadertoyDocument =
    saved && !saved.dirty
      ? await api.call('shaders.export', { params: { id: saved.id } })
      : toShadertoy(draft.source, { title: draft.title || 'Untitled', description: draft.description, tags: draft.tags });
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${(draft.title || 'shader').replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'shader'}.shadertoy.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
