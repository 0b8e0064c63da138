import { useJobProgress } from '../api/live.js';
import { useWorldStore } from '../store/world-store.js';
import { cancelGeneration, retryGeneration } from './actions.js';

/** The generation queue and outliner in one: every object, its state, and retry / cancel. */
export function ObjectsPanel() {
  const entities = useWorldStore((s) => s.entities);
  const selection = useWorldStore((s) => s.selection);
  const select = useWorldStore((s) => s.select);
  const mode = useWorldStore((s) => s.mode);
  const progress = useJobProgress((s) => s.jobs);
  const list = Object.values(entities).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return (
    <section className="world-panel world-objects" aria-label="Objects">
      <h2>
        Objects <span className="muted">{list.length}</span>
      </h2>
      {list.length === 0 ? <p className="muted">Nothing here yet: type a prompt above.</p> : null}
      <ul>
        {list.map((e) => (
          <li
            key={e.id}
            className={`world-object ${selection.includes(e.id) ? 'selected' : ''} ${e.parentId ? 'child' : ''}`}
            data-testid="world-object"
            data-entity-id={e.id}
            data-status={e.status}
          >
            <button type="button" className="world-object-name" disabled={mode !== 'build'} onClick={(ev) => select([e.id], ev.shiftKey || ev.ctrlKey || ev.metaKey)}>
              {e.name}
            </button>
            {e.status === 'draft' ? (
              <>
                <span className="world-badge world-badge-draft" title={(e.jobId && progress[e.jobId]?.detail) || 'waiting for the generator'}>
                  draft{e.jobId && progress[e.jobId] ? ` ${Math.round(progress[e.jobId]!.progress * 100)} %` : ''}
                </span>
                {e.jobId ? (
                  <button type="button" className="link" onClick={() => void cancelGeneration(e.id)} title="Stop generating; the placeholder stays">
                    cancel
                  </button>
                ) : null}
              </>
            ) : null}
            {e.status === 'failed' ? (
              <>
                <span className="world-badge world-badge-failed" title={e.lastError ?? undefined}>
                  failed
                </span>
                {e.jobId ? (
                  <button type="button" className="link" onClick={() => void retryGeneration(e.id)} data-testid="world-retry">
                    retry
                  </button>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
