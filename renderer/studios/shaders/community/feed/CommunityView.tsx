import { useMemo, useState, type FormEvent } from 'react';
import { CommunityFeedSort } from '../../../../../shared/schemas/community-feed.js';
import { RelayItemKind } from '../../../../../shared/schemas/relay-community.js';
import { Loading } from '../../../../components/Loading.js';
import { studioPaths, useNavigate } from '../../nav.js';
import { CommunityCard } from './CommunityCard.js';
import { RelayProblem } from './RelayProblem.js';
import { useCommunityFeed } from './hooks.js';
import './community-feed.css';

const SORTS: Array<{ id: CommunityFeedSort; label: string }> = [
  { id: 'trending', label: 'Trending' },
  { id: 'new', label: 'New' },
];
const KINDS: Array<{ id: RelayItemKind | null; label: string }> = [
  { id: null, label: 'Everything' },
  { id: 'shader', label: 'Shaders' },
  { id: 'video', label: 'Videos' },
  { id: 'prefab', label: 'Prefabs' },
];

/** The relay's trending/new feed: cards open an item with its comments, votes and "Open in editor". */
export function CommunityView({ params }: { params: URLSearchParams }) {
  const navigate = useNavigate();
  const sort = CommunityFeedSort.safeParse(params.get('sort')).data ?? 'trending';
  const kind = RelayItemKind.safeParse(params.get('kind')).data ?? null;
  const q = params.get('q')?.trim() || null;
  const [text, setText] = useState(q ?? '');
  const feed = useCommunityFeed(sort, kind, q);
  const items = useMemo(() => feed.data?.pages.flatMap((p) => p.items) ?? [], [feed.data]);
  const first = feed.data?.pages[0];
  const go = (next: { sort?: CommunityFeedSort; kind?: RelayItemKind | null; q?: string | null }) =>
    navigate(studioPaths.community({ sort: next.sort ?? sort, kind: next.kind === undefined ? kind : next.kind, q: next.q === undefined ? q : next.q }), { replace: true });
  const search = (e: FormEvent) => {
    e.preventDefault();
    go({ q: text.trim() || null });
  };

  return (
    <div className="community-feed studio-pad" data-testid="community-feed" data-sort={sort}>
      <div className="community-bar">
        <div className="explore-sorts" role="tablist" aria-label="Order">
          {SORTS.map((s) => (
            <button key={s.id} type="button" role="tab" className="feed-mode" aria-selected={sort === s.id} data-testid={`community-sort-${s.id}`} onClick={() => go({ sort: s.id })}>
              {s.label}
            </button>
          ))}
        </div>
        <div className="community-kinds" role="group" aria-label="Kind">
          {KINDS.map((k) => (
            <button key={k.label} type="button" className="chip chip-filter" aria-pressed={kind === k.id} data-testid={`community-kind-${k.id ?? 'all'}`} onClick={() => go({ kind: k.id })}>
              {k.label}
            </button>
          ))}
        </div>
        <form className="community-search" role="search" onSubmit={search}>
          <input className="explore-search" type="search" value={text} maxLength={100} placeholder="Search titles" aria-label="Search community titles" onChange={(e) => setText(e.target.value)} />
        </form>
      </div>
      {first ? (
        <p className="muted small community-relay-line" data-testid="community-relay-line">
          From <code>{first.relayUrl}</code>
          {first.signedIn ? ' · signed in: you can vote and comment' : ' · signed out: reading only. Sign in in Settings → Community to vote and comment.'}
        </p>
      ) : null}
      {feed.isPending ? (
        <Loading label="Reading the community feed…" />
      ) : feed.isError ? (
        <RelayProblem error={feed.error} onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <div className="empty-state" data-testid="community-empty">
          <p className="empty-title">{q || kind ? 'Nothing matches' : 'Nothing published yet'}</p>
          <p>{q || kind ? 'Try another kind or other words.' : 'Be the first: open one of your shaders and press “Publish to community”.'}</p>
        </div>
      ) : (
        <ol className="community-grid" data-testid="community-grid" data-stale={feed.isPlaceholderData}>
          {items.map((item) => (
            <CommunityCard key={item.id} item={item} />
          ))}
        </ol>
      )}
      {feed.hasNextPage ? (
        <div className="explore-more">
          <button type="button" className="btn btn-secondary" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
            {feed.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
