import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { FeedPage, Shader, ShaderList, ShaderSummary } from '../../../../shared/schemas/shaders.js';
import { shaderKeys } from './keys.js';

type Patch = Partial<ShaderSummary>;

function patchItems<T extends { id: string }>(items: T[], id: string, patch: Patch): T[] {
  let changed = false;
  const next = items.map((it) => {
    if (it.id !== id) return it;
    changed = true;
    return { ...it, ...patch };
  });
  return changed ? next : items;
}

/**
 * Applies a change to one shader wherever it is cached (feed pages, explore lists, detail),
 * so a vote shows up at once on every view without refetching.
 */
export function patchShader(qc: QueryClient, id: string, patch: Patch): void {
  for (const [key, data] of qc.getQueriesData<InfiniteData<FeedPage | ShaderList>>({ queryKey: shaderKeys.all })) {
    if (!data || !('pages' in data)) continue;
    const pages = data.pages.map((p) => {
      const items = patchItems(p.items as Array<ShaderSummary>, id, patch);
      return items === p.items ? p : { ...p, items };
    });
    if (pages.some((p, i) => p !== data.pages[i])) qc.setQueryData(key, { ...data, pages });
  }
  const detail = qc.getQueryData<Shader>(shaderKeys.detail(id));
  if (detail) qc.setQueryData(shaderKeys.detail(id), { ...detail, ...patch });
}

/** The shader's current snapshot from any cache (for optimistic updates). */
export function findShader(qc: QueryClient, id: string): ShaderSummary | undefined {
  const detail = qc.getQueryData<Shader>(shaderKeys.detail(id));
  if (detail) return detail;
  for (const [, data] of qc.getQueriesData<InfiniteData<FeedPage | ShaderList>>({ queryKey: shaderKeys.all })) {
    if (!data || !('pages' in data)) continue;
    for (const p of data.pages) {
      const hit = (p.items as ShaderSummary[]).find((s) => s.id === id);
      if (hit) return hit;
    }
  }
  return undefined;
}
