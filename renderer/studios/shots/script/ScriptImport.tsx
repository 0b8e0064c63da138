import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { useParseScript, type ScriptSource } from '../api/hooks.js';
import { notify } from '../ui/notices.js';

interface ScriptImportProps {
  projectId: string;
  hasScenes: boolean;
  onDone(): void;
}

const ACCEPT = '.fountain,.spmd,.txt,.fdx,text/plain,application/xml';

/** Upload or paste a screenplay; the host parses it, adds its scenes and queues a breakdown per scene. */
export function ScriptImport({ projectId, hasScenes, onDone }: ScriptImportProps) {
  const parse = useParseScript();
  const [tab, setTab] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [breakdown, setBreakdown] = useState(true);

  const source: ScriptSource | null = tab === 'file' ? (file ? { kind: 'file', file } : null) : text.trim() ? { kind: 'paste', text } : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!source) return;
    parse.mutate(
      { source, projectId, mode, breakdown },
      {
        onSuccess: (res) => {
          notify.ok(`Imported ${res.scenes.length} scene${res.scenes.length === 1 ? '' : 's'}${res.title ? ` from “${res.title}”` : ''}${res.breakdownJobIds.length ? '; breaking them down…' : '.'}`);
          onDone();
        },
      },
    );
  };

  return (
    <form className="card shots-import" onSubmit={submit} aria-label="Import a screenplay" data-testid="shots-import">
      <div className="shots-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'file'} onClick={() => setTab('file')}>
          Upload a file
        </button>
        <button type="button" role="tab" aria-selected={tab === 'paste'} onClick={() => setTab('paste')}>
          Paste text
        </button>
      </div>
      {tab === 'file' ? (
        <label className="shots-field">
          <span>Fountain (.fountain), plain text (.txt) or Final Draft (.fdx)</span>
          <input type="file" accept={ACCEPT} aria-label="Screenplay file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      ) : (
        <label className="shots-field">
          <span>Screenplay text (Fountain)</span>
          <textarea
            className="shots-paste"
            rows={12}
            aria-label="Screenplay text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'INT. KITCHEN - NIGHT\n\nMARA opens the fridge. Empty.\n\nMARA\nOf course.'}
          />
        </label>
      )}
      <div className="shots-import-options">
        {hasScenes ? (
          <label>
            <select aria-label="Existing scenes" value={mode} onChange={(e) => setMode(e.target.value as 'append' | 'replace')}>
              <option value="append">Add after the existing scenes</option>
              <option value="replace">Replace the existing scenes (restorable)</option>
            </select>
          </label>
        ) : null}
        <label className="shots-check">
          <input type="checkbox" checked={breakdown} onChange={(e) => setBreakdown(e.target.checked)} />
          Break each scene down into shots
        </label>
      </div>
      {parse.error ? <ErrorBanner error={parse.error} title="This script could not be imported" /> : null}
      <div className="shots-row-actions">
        <button type="submit" className="btn btn-cta" disabled={!source || parse.isPending}>
          {parse.isPending ? 'Importing…' : 'Import screenplay'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
