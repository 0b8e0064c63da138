import { useState, type FormEvent } from 'react';
import { useRouter } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { useCreateWorld, useDeleteWorld, useWorlds } from './api/hooks.js';
import { worldPaths } from './nav.js';

const STYLES = ['lowpoly', 'semi-realistic', 'toon'] as const;

/** Every saved world, newest first, and a form to start one. */
export function WorldList() {
  const worlds = useWorlds();
  const create = useCreateWorld();
  const remove = useDeleteWorld();
  const navigate = useRouter((s) => s.navigate);
  const [name, setName] = useState('');
  const [style, setStyle] = useState<string>('lowpoly');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, settings: { style } }, { onSuccess: (w) => navigate(worldPaths.world(w.id)) });
  };

  return (
    <div className="world-list-page">
      <form className="card world-create" onSubmit={submit} aria-label="New world">
        <label>
          <span>World name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Harbour yard" required maxLength={200} />
        </label>
        <label>
          <span>Style</span>
          <select value={style} onChange={(e) => setStyle(e.target.value)}>
            {STYLES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-cta" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create world'}
        </button>
        {create.error ? <ErrorBanner error={create.error} title="Could not create the world" /> : null}
      </form>
      {worlds.isPending ? <Loading label="Loading worlds…" /> : null}
      {worlds.error ? <ErrorBanner error={worlds.error} title="Could not load worlds" onRetry={() => void worlds.refetch()} /> : null}
      {worlds.data?.worlds.length === 0 ? <EmptyState title="No worlds yet">Create one above, then type what should appear in it.</EmptyState> : null}
      <ul className="world-list" aria-label="Worlds">
        {worlds.data?.worlds.map((w) => (
          <li key={w.id} className="card world-list-item" data-testid="world-list-item">
            <button type="button" className="world-open" onClick={() => navigate(worldPaths.world(w.id))}>
              <strong>{w.name}</strong>
              <span className="muted">
                {w.entityCount} object{w.entityCount === 1 ? '' : 's'} · {w.settings.style} · updated {new Date(w.updatedAt).toLocaleString()}
              </span>
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                if (window.confirm(`Delete the world “${w.name}” with its objects and terrain? Library assets stay.`)) remove.mutate(w.id);
              }}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorBanner error={remove.error} title="Could not delete the world" /> : null}
    </div>
  );
}
