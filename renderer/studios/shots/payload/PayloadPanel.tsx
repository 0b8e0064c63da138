import { lazy, Suspense, useState } from 'react';
import type { ProjectBoard } from '../../../../shared/schemas/shots.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useShotActions } from '../api/hooks.js';
import { findShot } from '../api/board-cache.js';
import { useShotsUi } from '../ui/drag.js';
import { notify } from '../ui/notices.js';
import { useVeoSchema } from './veo-schema.js';

const PayloadEditor = lazy(() => import('./PayloadEditor.js'));

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** The open shot's Veo 3.1 request in a JSON editor; Save sends it to the host, which validates it again. */
export function PayloadPanel({ projectId, board }: { projectId: string; board: ProjectBoard }) {
  const shotId = useShotsUi((s) => s.payloadShotId);
  const close = useShotsUi((s) => s.openPayload);
  const shot = shotId ? findShot(board, shotId) : undefined;
  if (!shot || !shot.veoPayload) return null;
  return <PayloadDrawer key={`${shot.id}-${shot.updatedAt}`} projectId={projectId} shotId={shot.id} payload={shot.veoPayload} source={shot.payloadSource} description={shot.description} onClose={() => close(null)} />;
}

interface DrawerProps {
  projectId: string;
  shotId: string;
  payload: Record<string, unknown>;
  source: string | null;
  description: string;
  onClose(): void;
}

function PayloadDrawer({ projectId, shotId, payload, source, description, onClose }: DrawerProps) {
  const { update } = useShotActions(projectId);
  const schema = useVeoSchema();
  const saved = pretty(payload);
  const [text, setText] = useState(saved);
  const [markers, setMarkers] = useState<string[]>([]);
  const [syntax, setSyntax] = useState<string | null>(null);
  const dirty = text !== saved;

  const save = () => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setSyntax(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      setSyntax('The payload must be a JSON object.');
      return;
    }
    setSyntax(null);
    update.mutate({ id: shotId, body: { veoPayload: value as Record<string, unknown> } }, { onSuccess: () => notify.ok('Payload saved.') });
  };
  const tryClose = () => {
    if (dirty && !window.confirm('Discard your unsaved payload edits?')) return;
    onClose();
  };

  return (
    <div className="shots-drawer" role="dialog" aria-label="Veo payload" data-testid="shots-payload">
      <header className="shots-drawer-head">
        <div>
          <h2>Veo 3.1 payload</h2>
          <p className="muted small shots-drawer-shot">{description}</p>
          <p className="muted small">
            Written by {source === 'llm' ? 'the LLM' : source === 'template' ? 'the offline template' : source === 'edited' ? 'you (edited)' : 'unknown'}
            {schema ? ' · checked against the Veo 3.1 request schema as you type' : ''}
          </p>
        </div>
        <button type="button" className="btn btn-ghost" aria-label="Close payload" onClick={tryClose}>
          ×
        </button>
      </header>
      <Suspense fallback={<Loading label="Loading the editor…" />}>
        <PayloadEditor shotId={shotId} value={text} schema={schema} onChange={setText} onProblems={(p) => setMarkers(p.markers)} />
      </Suspense>
      {markers.length ? (
        <ul className="shots-markers" aria-label="Problems" data-testid="shots-payload-problems">
          {markers.slice(0, 8).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {syntax ? (
        <p className="shots-error" role="alert">
          {syntax}
        </p>
      ) : null}
      {update.error ? <ErrorBanner error={update.error} title="The host refused this payload" /> : null}
      <div className="shots-row-actions">
        <button type="button" className="btn btn-cta" onClick={save} disabled={!dirty || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save payload'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setText(saved)} disabled={!dirty}>
          Revert
        </button>
        {dirty ? <span className="muted small">Unsaved changes</span> : null}
      </div>
    </div>
  );
}
