import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import { applyDiagnostics, clearDiagnostics } from './diagnostic-markers.js';
import { GLSL_LANGUAGE_ID } from './monaco/glsl-language.js';
import { monaco } from './monaco/monaco.js';
import { AUTEUR_THEME } from '../../../monaco/theme.js';
import './code-editor.css';

type Editor = ReturnType<typeof monaco.editor.create>;
type Model = ReturnType<typeof monaco.editor.createModel>;
type ViewState = ReturnType<Editor['saveViewState']>;

export interface CodeEditorHandle {
  revealLine(line: number, column?: number | null): void;
  focus(): void;
}

interface CodeEditorProps {
  /** One model per key (e.g. a pass): each keeps its own undo history and scroll position. */
  modelKey: string;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** Diagnostics of the pass shown now, in the user's own line numbers. */
  diagnostics?: CompileDiagnostic[];
  ariaLabel: string;
  handleRef?: Ref<CodeEditorHandle>;
}

let uriSeq = 0;

/** Monaco on GLSL with our theme; markers and inline messages come from `diagnostics`. */
export function CodeEditor({ modelKey, value, onChange, readOnly = false, diagnostics = [], ariaLabel, handleRef }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const models = useRef(new Map<string, { model: Model; view: ViewState }>());
  const instance = useRef(++uriSeq);
  const change = useRef(onChange);
  change.current = onChange;
  const current = useRef(modelKey);
  // Texts this editor reported itself: a render that arrives with one of them is our own echo
  // (possibly older than what is typed by now) and must not overwrite the model.
  const echoes = useRef<string[]>([]);

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const ed = monaco.editor.create(el, {
      theme: AUTEUR_THEME,
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
      fontSize: 13.5,
      lineHeight: 21,
      tabSize: 4,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'all',
      smoothScrolling: true,
      padding: { top: 10, bottom: 10 },
      fixedOverflowWidgets: true,
      ariaLabel,
      readOnly,
      stickyScroll: { enabled: false },
    });
    editor.current = ed;
    const sub = ed.onDidChangeModelContent(() => {
      const m = ed.getModel();
      if (!m) return;
      const text = m.getValue();
      echoes.current = [...echoes.current.slice(-63), text];
      change.current?.(text);
    });
    const owned = models.current;
    return () => {
      sub.dispose();
      clearDiagnostics(ed);
      ed.dispose();
      for (const { model } of owned.values()) model.dispose();
      owned.clear();
      editor.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
  }, []);

  // Switch models when the key changes, remembering where the user was in the previous one.
  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    const prev = models.current.get(current.current);
    if (prev && current.current !== modelKey) prev.view = ed.saveViewState();
    let entry = models.current.get(modelKey);
    if (!entry) {
      const uri = monaco.Uri.parse(`inmemory://auteur/${instance.current}/${encodeURIComponent(modelKey)}.glsl`);
      entry = { model: monaco.editor.createModel(value, GLSL_LANGUAGE_ID, uri), view: null };
      models.current.set(modelKey, entry);
    }
    current.current = modelKey;
    if (ed.getModel() !== entry.model) {
      ed.setModel(entry.model);
      if (entry.view) ed.restoreViewState(entry.view);
    }
    // Outside changes (import, fork, reset) replace the text but stay undoable.
    if (entry.model.getValue() !== value && !echoes.current.includes(value)) {
      entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text: value }], () => null);
    }
  }, [modelKey, value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly, ariaLabel });
  }, [readOnly, ariaLabel]);

  useEffect(() => {
    const ed = editor.current;
    if (ed) applyDiagnostics(ed, diagnostics);
  }, [diagnostics, modelKey]);

  useImperativeHandle(
    handleRef,
    () => ({
      revealLine(line, column) {
        const ed = editor.current;
        if (!ed || line < 1) return;
        ed.revealLineInCenter(line);
        ed.setPosition({ lineNumber: line, column: column ?? 1 });
        ed.focus();
      },
      focus() {
        editor.current?.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
