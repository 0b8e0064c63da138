import { useEffect, useRef, useState } from 'react';
import { AUTEUR_THEME } from '../../../monaco/theme.js';
import { monaco, setPayloadSchema } from './monaco-json.js';

type Editor = ReturnType<typeof monaco.editor.create>;

export interface PayloadProblems {
  /** JSON syntax or schema problems Monaco reports, as "line: message". */
  markers: string[];
}

interface PayloadEditorProps {
  shotId: string;
  value: string;
  schema: object | null;
  onChange(text: string): void;
  onProblems(p: PayloadProblems): void;
}

/** Monaco on a JSON model per shot: highlighting, folding, and markers from the Veo request schema. Lazy-loaded. */
export default function PayloadEditor({ shotId, value, schema, onChange, onProblems }: PayloadEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const [ready, setReady] = useState(false);
  const cb = useRef({ onChange, onProblems });
  cb.current = { onChange, onProblems };

  useEffect(() => setPayloadSchema(schema), [schema]);

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const uri = monaco.Uri.parse(`inmemory://auteur/shots/${shotId}.json`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(value, 'json', uri);
    const ed = monaco.editor.create(el, {
      model,
      theme: AUTEUR_THEME,
      automaticLayout: true,
      minimap: { enabled: false },
      folding: true,
      showFoldingControls: 'always',
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      ariaLabel: 'Veo 3.1 payload (JSON)',
    });
    editor.current = ed;
    const sub = model.onDidChangeContent(() => cb.current.onChange(model.getValue()));
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      if (!uris.some((u) => u.toString() === uri.toString())) return;
      cb.current.onProblems({ markers: monaco.editor.getModelMarkers({ resource: uri }).map((m) => `line ${m.startLineNumber}: ${m.message}`) });
    });
    setReady(true);
    return () => {
      sub.dispose();
      markers.dispose();
      ed.dispose();
      model.dispose();
      editor.current = null;
    };
    // The model is created once per shot; later value changes come from the user typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shotId]);

  // A value from outside (revert, a regenerated payload) replaces the text.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  return <div ref={host} className="shots-monaco" data-testid="shots-payload-editor" data-ready={ready ? 'true' : 'false'} />;
}
