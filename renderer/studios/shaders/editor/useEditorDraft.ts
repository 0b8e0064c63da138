import { useEffect, useState } from 'react';
import type { Shader } from '../../../../shared/schemas/shaders.js';
import { useDesire, useGeneratedShader, useShader } from '../api/hooks.js';
import { emptyDraft, sameDraft, type Draft } from './draft.js';

export function draftOf(s: Shader): Draft {
  return { title: s.title, description: s.description ?? '', tags: s.tags, source: s.source };
}

export interface EditorDraft {
  /** Null until the shader (or its prefill) has loaded. */
  draft: Draft | null;
  setDraft(next: Draft | ((d: Draft) => Draft)): void;
  /** What the host has: changes since then are unsaved. */
  baseline: Draft | null;
  setBaseline(d: Draft): void;
  dirty: boolean;
  shader: Shader | undefined;
  loadError: unknown;
  desireId: string | null;
}

/**
 * The editor's working copy. /shaders/edit/:id starts from the stored shader; /shaders/new
 * starts from the starter code, or from a desire (?desire=) or a generated result (?job=).
 */
export function useEditorDraft(id: string | null, params: URLSearchParams): EditorDraft {
  const desireId = params.get('desire');
  const jobId = params.get('job');
  const shader = useShader(id);
  const desire = useDesire(id ? null : desireId);
  const generated = useGeneratedShader(id ? null : jobId);
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [baseline, setBaseline] = useState<Draft | null>(null);

  useEffect(() => {
    if (draft) return;
    let start: Draft | null = null;
    if (id) start = shader.data ? draftOf(shader.data) : null;
    else if (jobId) start = generated.data ? { ...emptyDraft(), ...generated.data } : generated.isError ? emptyDraft() : null;
    else if (desireId) {
      start = desire.data
        ? { ...emptyDraft(), title: desire.data.promptText.slice(0, 120), description: `For the desire: “${desire.data.promptText}”` }
        : desire.isError
          ? emptyDraft()
          : null;
    } else start = emptyDraft();
    if (!start) return;
    setDraftState(start);
    // A new draft counts as unsaved only once it differs from where it started (or came from a job).
    setBaseline(id || !jobId ? start : null);
  }, [draft, id, shader.data, jobId, generated.data, generated.isError, desireId, desire.data, desire.isError]);

  const setDraft = (next: Draft | ((d: Draft) => Draft)): void =>
    setDraftState((d) => (d === null ? d : typeof next === 'function' ? next(d) : next));

  const dirty = draft !== null && (baseline === null || !sameDraft(draft, baseline));
  const loadError = id ? shader.error : (jobId && generated.error) || (desireId && desire.error) || null;
  return { draft, setDraft, baseline, setBaseline, dirty, shader: shader.data, loadError, desireId };
}
