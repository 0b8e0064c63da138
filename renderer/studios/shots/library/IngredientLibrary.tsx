import { useState } from 'react';
import { IngredientType } from '../../../../shared/schemas/shots.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import { useIngredients } from '../api/hooks.js';
import { IngredientItem } from './IngredientItem.js';
import { UploadForm } from './UploadForm.js';

/** The project's ingredient library: upload, filter by type, search name/caption/tags. */
export function IngredientLibrary({ projectId }: { projectId: string }) {
  const [type, setType] = useState<IngredientType | undefined>(undefined);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const list = useIngredients(projectId, { ...(type ? { type } : {}), ...(query ? { q: query } : {}) });
  const items = list.data?.ingredients ?? [];

  return (
    <aside className="card shots-library" aria-label="Ingredient library" data-testid="shots-library">
      <h2>Ingredients</h2>
      <UploadForm projectId={projectId} />
      <div className="shots-filter" role="group" aria-label="Filter by type">
        <button type="button" className="shots-chip" aria-pressed={!type} onClick={() => setType(undefined)}>
          All
        </button>
        {IngredientType.options.map((t) => (
          <button key={t} type="button" className="shots-chip" aria-pressed={type === t} onClick={() => setType(type === t ? undefined : t)}>
            {t}
          </button>
        ))}
      </div>
      <input type="search" className="shots-search" placeholder="Search names, captions, tags" aria-label="Search ingredients" value={q} onChange={(e) => setQ(e.target.value)} />
      {list.error ? <ErrorBanner error={list.error} title="Could not load the library" onRetry={() => void list.refetch()} /> : null}
      {list.data && !items.length ? <p className="muted small">{type || query ? 'Nothing matches.' : 'No references yet: upload characters, locations, objects or styles.'}</p> : null}
      <ul className="shots-ingredients">
        {items.map((ing) => (
          <IngredientItem key={ing.id} projectId={projectId} ingredient={ing} />
        ))}
      </ul>
    </aside>
  );
}
