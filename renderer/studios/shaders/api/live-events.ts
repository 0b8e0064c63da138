import type { QueryClient } from '@tanstack/react-query';
import { Shader } from '../../../../shared/schemas/shaders.js';
import { patchShader } from './cache.js';
import { shaderKeys } from './keys.js';

/**
 * Host `domain` events of the Shaders studio into the query cache: a render finishing updates
 * every card of that shader in place (status, thumbnail, style), new/deleted shaders and desire
 * changes refresh the lists that show them.
 */
export function handleShaderEvent(qc: QueryClient, topic: string, id: string | null, data: unknown): void {
  if (topic === 'shader.updated' || topic === 'shader.created') {
    const parsed = Shader.safeParse(data);
    if (parsed.success) {
      const s = parsed.data;
      if (qc.getQueryData(shaderKeys.detail(s.id))) qc.setQueryData(shaderKeys.detail(s.id), s);
      const { source: _source, ...summary } = s;
      patchShader(qc, s.id, {
        renderStatus: summary.renderStatus,
        thumbnailUrl: summary.thumbnailUrl,
        previewUrl: summary.previewUrl,
        style: summary.style,
        status: summary.status,
        title: summary.title,
        tags: summary.tags,
      });
    } else if (id) void qc.invalidateQueries({ queryKey: shaderKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: shaderKeys.lists });
    void qc.invalidateQueries({ queryKey: shaderKeys.tags });
    // A first render can be what puts a shader into an empty feed.
    void qc.invalidateQueries({ queryKey: ['shaders', 'feed'], predicate: (q) => (q.state.data as { pages?: Array<{ items: unknown[] }> } | undefined)?.pages?.[0]?.items.length === 0 });
    return;
  }
  if (topic === 'shader.deleted') {
    void qc.invalidateQueries({ queryKey: shaderKeys.lists });
    return;
  }
  if (topic === 'shader.commented' && id) {
    void qc.invalidateQueries({ queryKey: shaderKeys.comments(id) });
    void qc.invalidateQueries({ queryKey: shaderKeys.detail(id) });
    return;
  }
  if (topic.startsWith('desire.')) {
    void qc.invalidateQueries({ queryKey: shaderKeys.desires.all });
  }
}
