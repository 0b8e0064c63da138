import { useEffect, useRef, useState } from 'react';
import type { Shader } from '../../../../shared/schemas/shaders.js';
import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import { useRouter } from '../../../app/router.js';
import { errorMessage } from '../../../api/errors.js';
import { compileDiagnosticsOf, useForkAndEdit, usePublishShader, useSaveShader } from '../api/hooks.js';
import { studioPaths, useNavigate } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { useToast } from '../ui/toast.js';
import type { Draft } from './draft.js';
import { RenderStatus } from './RenderStatus.js';
import { exportShadertoyFile, importShadertoyFile } from './shadertoy-file.js';

interface Props {
  id: string | null;
  draft: Draft;
  dirty: boolean;
  shader: Shader | undefined;
  desireId: string | null;
  previewOk: boolean | null;
  onTitle(title: string): void;
  onImported(d: Draft): void;
  onSaved(d: Draft): void;
  onCompileFailed(d: CompileDiagnostic[]): void;
}

function publishBlocker(id: string | null, dirty: boolean, shader: Shader | undefined): string | null {
  if (!id || !shader) return 'Save the shader first';
  if (shader.status === 'published') return 'Already published';
  if (dirty) return 'Save your changes first';
  if (shader.renderStatus !== 'ready') return shader.renderStatus === 'failed' ? 'The last render failed; fix it and save again' : 'Waiting for the render to finish';
  return null;
}

/** Title, render status and the actions: import/export, fork, save and publish. */
export function EditorToolbar(p: Props) {
  const save = useSaveShader();
  const publish = usePublishShader();
  const fork = useForkAndEdit();
  const navigate = useNavigate();
  const toast = useToast();
  const file = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLInputElement>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const blocker = publishBlocker(p.id, p.dirty, p.shader);

  const onSave = (): void => {
    setProblem(null);
    if (!p.draft.title.trim()) {
      setTitleError('Give your shader a title before saving');
      title.current?.focus();
      return;
    }
    const sent = p.draft;
    save.mutate(
      { id: p.id, draft: sent, fulfillsDesireId: p.id ? null : p.desireId },
      {
        onSuccess: (shader) => {
          p.onSaved(sent);
          toast.ok(p.id ? 'Saved — rendering the new version' : 'Created — rendering it now');
          if (!p.id) {
            // Saved: nothing to guard any more, and /new becomes this shader's own address.
            useRouter.getState().setGuard(null);
            navigate(studioPaths.edit(shader.id), { replace: true });
          }
        },
        onError: (err) => {
          const diagnostics = compileDiagnosticsOf(err);
          if (diagnostics) p.onCompileFailed(diagnostics);
          setProblem(diagnostics ? `Not saved: ${errorMessage(err)}` : `Not saved: ${errorMessage(err)}`);
        },
      },
    );
  };

  // Ctrl/Cmd+S saves, as in every editor (and keeps the browser's "save page" dialog away).
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  const canSave = !save.isPending && (p.dirty || !p.id);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (canSave) saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canSave]);

  return (
    <div className="editor-toolbar">
      <div className="editor-title-wrap">
        <input
          ref={title}
          className="editor-title"
          data-testid="editor-title"
          placeholder="Untitled shader"
          aria-label="Title"
          aria-invalid={!!titleError}
          value={p.draft.title}
          maxLength={120}
          onChange={(e) => {
            setTitleError(null);
            p.onTitle(e.target.value);
          }}
        />
        {titleError ? <span className="field-error">{titleError}</span> : null}
        {p.desireId && !p.id ? (
          <span className="chip editor-desire" data-testid="editor-desire">
            fulfils a desire — <StudioLink to={studioPaths.desires()}>board</StudioLink>
          </span>
        ) : null}
      </div>
      <RenderStatus shader={p.shader} dirty={p.dirty} previewOk={p.previewOk} />
      <div className="editor-actions">
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="editor-import-file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            try {
              p.onImported(await importShadertoyFile(f));
              setProblem(null);
              toast.ok(`Imported ${f.name} — save to keep it`);
            } catch (err) {
              setProblem(`Import failed: ${errorMessage(err)}`);
            }
          }}
        />
        <button type="button" className="btn btn-ghost" data-testid="editor-import" onClick={() => file.current?.click()} title="Import a Shadertoy JSON export">
          Import
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="editor-export"
          onClick={() => void exportShadertoyFile(p.draft, p.id ? { id: p.id, dirty: p.dirty } : undefined).catch((err: unknown) => setProblem(`Export failed: ${errorMessage(err)}`))}
          title="Download as Shadertoy JSON"
        >
          Export
        </button>
        {p.id ? (
          <button type="button" className="btn btn-ghost" data-testid="editor-fork" disabled={fork.isPending} onClick={() => fork.mutate({ id: p.id! }, { onError: (err) => setProblem(`Fork failed: ${errorMessage(err)}`) })}>
            Fork
          </button>
        ) : null}
        <button type="button" className="btn btn-secondary" data-testid="editor-save" disabled={!canSave} onClick={onSave} title="Save (Ctrl+S)">
          {save.isPending ? 'Saving…' : p.id ? (p.dirty ? 'Save' : 'Saved') : 'Save'}
        </button>
        <button
          type="button"
          className="btn btn-cta"
          data-testid="editor-publish"
          disabled={!!blocker || publish.isPending}
          title={blocker ?? 'Publish to the feed'}
          onClick={() =>
            p.id &&
            publish.mutate(p.id, {
              onSuccess: () => toast.ok('Published — it is in the feed and Explore now'),
              onError: (err) => setProblem(`Not published: ${errorMessage(err)}`),
            })
          }
        >
          {p.shader?.status === 'published' ? 'Published' : publish.isPending ? 'Publishing…' : 'Publish'}
        </button>
      </div>
      {problem ? (
        <p className="editor-problem" role="alert" data-testid="editor-problem">
          {problem}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setProblem(null)}>
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}
