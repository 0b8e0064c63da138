import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import { useVideos } from '../api/hooks.js';
import type { VideoListFilter } from '../api/keys.js';
import { LibraryCard } from './LibraryCard.js';

const SORTS: ReadonlyArray<[string, string]> = [
  ['created:desc', 'Newest first'],
  ['created:asc', 'Oldest first'],
  ['updated:desc', 'Recently changed'],
  ['title:asc', 'Title A–Z'],
  ['duration:desc', 'Longest first'],
  ['duration:asc', 'Shortest first'],
];

/** Finished videos (a final MP4 that probed playable); "in progress" adds the rest. */
export function LibraryView() {
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('created:desc');
  const [all, setAll] = useState(false);
  const query = useDebounced(q.trim(), 250);
  const [by, order] = sort.split(':') as [VideoListFilter['sort'], VideoListFilter['order']];
  const list = useVideos({ ...(query ? { q: query } : {}), sort: by, order, scope: all ? 'all' : 'library' });
  return (
    <section className="vlib" data-testid="video-library" aria-label="Video library">
      <div className="vlib-toolbar">
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search titles, descriptions, prompts" aria-label="Search videos" data-testid="video-search" />
        <select value={sort} onChange={(e) => setSort(e.target.value)} aria-label="Sort" data-testid="video-sort">
          {SORTS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
        <label className="vcheck">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          <span>Include in progress and failed</span>
        </label>
        {list.data ? <span className="muted small">{list.data.total} video(s)</span> : null}
      </div>
      {list.isLoading ? <Loading label="Loading the library…" /> : null}
      {list.error ? <ErrorBanner error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.videos.length === 0 ? (
        <EmptyState title={query ? 'No video matches' : 'No finished videos yet'}>{query ? 'Try other words.' : 'Create one: it lands here once its final render exists.'}</EmptyState>
      ) : null}
      {list.data?.videos.length ? (
        <ul className="vlib-grid">
          {list.data.videos.map((v) => (
            <LibraryCard key={v.id} video={v} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
