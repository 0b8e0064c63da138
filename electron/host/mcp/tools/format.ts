import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import type { ShaderSummary } from '../../../../shared/schemas/shaders.js';

/** Compile findings as an agent reads them: pass, the agent's own line number, message. */
export function formatDiagnostics(diagnostics: readonly CompileDiagnostic[]): string {
  if (!diagnostics.length) return '';
  return diagnostics.map((d) => `${d.severity.toUpperCase()} ${d.pass === 'image' ? '' : `[${d.pass}] `}line ${d.line || '?'}${d.column ? `:${d.column}` : ''}: ${d.message}`).join('\n');
}

/** The parts of a shader an agent needs to reason about it, in seed §12's snake_case. */
export function shaderBrief(s: ShaderSummary): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    tags: s.tags,
    shader_type: s.shaderType,
    status: s.status,
    render_status: s.renderStatus,
    style: s.style,
    votes: s.votes,
    author: s.author?.username ?? null,
    via: s.provenance.via,
    ai_provider: s.provenance.provider,
    created_at: s.createdAt,
    resource_uri: `auteur://shaders/${s.id}/source.glsl`,
  };
}
