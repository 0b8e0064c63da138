import { useEffect, useMemo, useState } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useShaderList, useTags, type ExploreSort } from '../api/hooks.js';
import { studioPaths, useNavigate } from '../nav.js';
import { ShaderTile } from './ShaderTile.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import './explore.css';

const SORTS: Array<{ id: ExploreSort; label: string }> = [
  { id: 'trending', label: 'Trending' },
  { id: 'new', label: 'New' },
  { id: 'top', label: 'Top' },
];

function readSort(v: string | null): ExploreSort {
  return v === 'new' || v === 'top' || v === 'trending' ? v : 'trending';
}

/** Browse by tag, trending/new/top and text search; the URL holds the filters so back/forward work. */
export function ExploreView({ params }: { params: URLSearchParams }) {
  const navigate = useNavigate();
  const tag = params.get('tag');
  const sort = readSort(params.get('sort'));
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const q = useDebounced(text.trim(), 300);

  // The debounced text goes into the URL (replace: typing is not a history entry per letter).
  useEffect(() => {
    if (q !== urlQ) navigate(studioPaths.explore({ tag, sort, q: q || null }), { replace: true });
  }, [q, urlQ, tag, sort, navigate]);

  const query = useMemo(() => ({ q: urlQ || undefined, tag: tag ?? undefined, sort }), [urlQ, tag, sort]);
  const list = useShaderList(query);
  const tags = useTags();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const setFilter = (next: { tag?: string | null; sort?: ExploreSort }) =>
    navigate(studioPaths.explore({ tag: next.tag === undefined ? tag : next.tag, sort: next.sort ?? sort, q: urlQ || null }));

  return (
    <div className="explore studio-pad">
      <div className="explore-bar">
        <input
          type="search"
          className="input explore-search"
          data-testid="explore-search"
          placeholder="Search titles, descriptions, tags and code…"
          aria-label="Search shaders"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="explore-sorts" role="tablist" aria-label="Sort">
          {SORTS.map((s) => (
            <button key={s.id} type="button" role="tab" className="feed-mode" aria-selected={sort === s.id} data-testid={`explore-sort-${s.id}`} onClick={() => setFilter({ sort: s.id })}>
              {s.label}
            </button>
          ))}
        </div>
      </div>
      <div className="explore-tags chips" aria-label="Tags">
        <button type="button" className="chip chip-filter" aria-pressed={!tag} onClick={() => setFilter({ tag: null })}>
          all
        </button>
        {(tags.data?.tags ?? []).slice(0, 24).map((t) => (
          <button
            key={t.tag}
            type="button"
            className="chip chip-filter"
            aria-pressed={tag === t.tag}
            data-testid="explore-tag"
            onClick={() => setFilter({ tag: tag === t.tag ? null : t.tag })}
          >
            #{t.tag} <span className="muted">{t.count}</span>
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading label="Loading shaders…" />
      ) : list.isError ? (
        <ErrorBanner title="Could not load shaders" error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="empty-state" data-testid="explore-empty">
          <p className="empty-title">{urlQ ? `Nothing matches “${urlQ}”` : tag ? `No shaders tagged #${tag} yet` : 'No published shaders yet'}</p>
          <p>Try another search, or make the shader you are looking for.</p>
        </div>
      ) : (
        <>
          <p className="explore-count muted small" data-testid="explore-count">
            {items.length}
            {list.hasNextPage ? '+' : ''} shader{items.length === 1 ? '' : 's'}
            {urlQ ? ` matching “${urlQ}”` : ''}
            {tag ? ` tagged #${tag}` : ''}
          </p>
          <div className="explore-grid" data-testid="explore-grid" aria-busy={list.isPlaceholderData} data-stale={list.isPlaceholderData}>
            {items.map((s) => (
              <ShaderTile key={s.id} shader={s} />
            ))}
          </div>
          {list.hasNextPage ? (
            <div className="explore-more">
              <button type="button" className="btn btn-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
