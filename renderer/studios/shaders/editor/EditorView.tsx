import { useCallback, useMemo, useRef, useState } from 'react';
import type { CompileDiagnostic, PassName } from '../../../../shared/shaders/source.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import type { CompileOutcome } from '../canvas/ShaderCanvas.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor.js';
import { ChannelPickers } from './ChannelPickers.js';
import { DiagnosticsList, mergeDiagnostics } from './DiagnosticsList.js';
import { channelsOf, hasPass, passCode, withBuffer, withChannel, withoutBuffer, withPassCode } from './draft.js';
import { EditorToolbar } from './EditorToolbar.js';
import { MetaFields } from './MetaFields.js';
import { PassTabs } from './PassTabs.js';
import { PreviewPane } from './PreviewPane.js';
import { SplitPane } from './SplitPane.js';
import { useEditorDraft } from './useEditorDraft.js';
import { useUnsavedGuard } from './useUnsavedGuard.js';
import './editor.css';

/** Shadertoy-style editor: Monaco on the left, the live preview and the shader's details on the right. */
export function EditorView({ id, params }: { id: string | null; params: URLSearchParams }) {
  const ed = useEditorDraft(id, params);
  const [pass, setPass] = useState<PassName>('image');
  const [preview, setPreview] = useState<CompileOutcome | null>(null);
  const [serverDiagnostics, setServerDiagnostics] = useState<CompileDiagnostic[]>([]);
  const code = useRef<CodeEditorHandle>(null);
  useUnsavedGuard(ed.dirty);

  // Typing recompiles after a short pause; the first load starts the preview at once.
  const previewSource = useDebounced(ed.draft?.source ?? null, 250) ?? ed.draft?.source ?? null;
  const compiling = previewSource !== (ed.draft?.source ?? null);

  const diagnostics = useMemo(() => mergeDiagnostics(preview?.diagnostics ?? [], serverDiagnostics), [preview, serverDiagnostics]);
  const passDiagnostics = useMemo(() => diagnostics.filter((d) => d.pass === pass), [diagnostics, pass]);

  const onCompile = useCallback((outcome: CompileOutcome) => setPreview(outcome), []);
  const jump = useCallback((d: CompileDiagnostic) => {
    setPass(d.pass);
    // After the tab switch has swapped the model in.
    window.setTimeout(() => code.current?.revealLine(d.line, d.column), 0);
  }, []);

  if (ed.loadError) return <div className="studio-pad"><ErrorBanner title="Could not open this shader" error={ed.loadError} /></div>;
  if (!ed.draft) return <div className="studio-pad"><Loading label="Opening the shader…" /></div>;
  const draft = ed.draft;
  const current = hasPass(draft.source, pass) ? pass : 'image';

  return (
    <div className="editor" data-testid="editor" data-dirty={ed.dirty} data-shader-id={id ?? ''}>
      <EditorToolbar
        id={id}
        draft={draft}
        dirty={ed.dirty}
        shader={ed.shader}
        desireId={ed.desireId}
        previewOk={preview?.ok ?? null}
        onTitle={(title) => ed.setDraft((d) => ({ ...d, title }))}
        onImported={(d) => {
          ed.setDraft(d);
          setPass('image');
          setServerDiagnostics([]);
        }}
        onSaved={(d) => {
          ed.setBaseline(d);
          setServerDiagnostics([]);
        }}
        onCompileFailed={setServerDiagnostics}
      />
      <SplitPane
        left={
          <div className="editor-code">
            <PassTabs
              source={draft.source}
              current={current}
              diagnostics={diagnostics}
              onSelect={setPass}
              onAddBuffer={(b) => {
                ed.setDraft((d) => ({ ...d, source: withBuffer(d.source, b) }));
                setPass(b);
              }}
              onRemoveBuffer={(b) => {
                ed.setDraft((d) => ({ ...d, source: withoutBuffer(d.source, b) }));
                setPass('image');
              }}
            />
            <div className="editor-monaco">
              <CodeEditor
                handleRef={code}
                modelKey={current}
                value={passCode(draft.source, current)}
                diagnostics={passDiagnostics}
                ariaLabel={`GLSL code of the ${current} pass`}
                onChange={(text) => {
                  ed.setDraft((d) => ({ ...d, source: withPassCode(d.source, current, text) }));
                  if (serverDiagnostics.length) setServerDiagnostics([]);
                }}
              />
            </div>
            <ChannelPickers
              pass={current}
              channels={channelsOf(draft.source, current)}
              onChange={(i, input) => ed.setDraft((d) => ({ ...d, source: withChannel(d.source, current, i, input) }))}
            />
            <DiagnosticsList diagnostics={diagnostics} compiling={compiling} onJump={jump} />
          </div>
        }
        right={
          <div className="editor-side">
            <PreviewPane source={previewSource} onCompile={onCompile} />
            <MetaFields draft={draft} onChange={ed.setDraft} />
          </div>
        }
      />
    </div>
  );
}
