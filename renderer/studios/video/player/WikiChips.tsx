import { useState } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { errorMessage } from '../../../api/errors.js';
import { useWiki } from '../api/hooks.js';

/** The summary card of one opened chip: Wikipedia's extract and the source link, or why there is none. */
function WikiCard({ entity, onClose }: { entity: string; onClose(): void }) {
  const wiki = useWiki(entity);
  const d = wiki.data;
  return (
    <div className="wiki-card card" role="dialog" aria-label={`About ${entity}`} data-testid="wiki-card" data-status={d?.status ?? (wiki.error ? 'error' : 'loading')}>
      <div className="wiki-card-head">
        <strong className="serif">{d?.title ?? entity}</strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close summary">
          ✕
        </button>
      </div>
      {wiki.isLoading ? <p className="muted small">Asking Wikipedia…</p> : null}
      {wiki.error ? <p className="video-note-warn small">{errorMessage(wiki.error)}</p> : null}
      {d?.status === 'ok' ? (
        <>
          {d.description ? <p className="muted small">{d.description}</p> : null}
          <p className="wiki-extract">{d.extract}</p>
          <p className="small">
            <a href={d.url} target="_blank" rel="noopener noreferrer">
              Source: Wikipedia
            </a>
            {d.cached ? <span className="muted"> · cached</span> : null}
          </p>
        </>
      ) : null}
      {d && d.status !== 'ok' ? <p className="muted small">{d.message}</p> : null}
    </div>
  );
}

/** Chips for the named entities of the script; one opens a compact Wikipedia summary. */
export function WikiChips({ video }: { video: Video }) {
  const [open, setOpen] = useState<string | null>(null);
  const offline = useWiki(open).data?.status === 'offline';
  const source = video.entitiesSource;
  if (source === null) return null;
  if (!video.entities.length) {
    // entitiesSource: "pending: job …", "none: <why>", "failed: <error>", or "<provider> <model>".
    const text = source.startsWith('pending')
      ? 'finding the named entities…'
      : source.startsWith('none:')
        ? `none (${source.slice(5).trim().split(': ')[0]})`
        : source.startsWith('failed:')
          ? `entity extraction failed: ${source.slice(7).trim()}`
          : 'no named entities in the script';
    return (
      <p className="muted small" data-testid="wiki-chips-none" title={source}>
        Wiki facts: {text}
      </p>
    );
  }
  return (
    <div className="wiki" data-testid="wiki-chips">
      <ul className="wiki-chips" aria-label="Wiki facts">
        {video.entities.map((e) => {
          const key = e.wikiTitle ?? e.name;
          return (
            <li key={`${e.type}:${e.name}`}>
              <button type="button" className="wiki-chip" aria-expanded={open === key} onClick={() => setOpen(open === key ? null : key)} title={e.type}>
                {e.name}
                {open === key && offline ? <span className="wiki-chip-note"> · summaries need the network</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      {open ? <WikiCard entity={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
