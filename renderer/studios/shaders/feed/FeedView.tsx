import { useEffect, useMemo, useRef, useState } from 'react';
import type { ShaderCard } from '../../../../shared/schemas/shaders.js';
import { errorMessage } from '../../../api/errors.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useFeed, useVote, type FeedMode } from '../api/hooks.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import { useToast } from '../ui/toast.js';
import { DesireBox } from './DesireBox.js';
import { FeedEnd } from './FeedEnd.js';
import { FeedCard } from './FeedCard.js';
import { useFeedKeys } from './useFeedKeys.js';
import { useFeedWindow } from './useFeedWindow.js';
import './feed.css';

const MODES: Array<{ id: FeedMode; label: string }> = [
  { id: 'personal', label: 'For you' },
  { id: 'trending', label: 'Trending' },
  { id: 'new', label: 'New' },
];

/** Load the next page this many cards before the end, so swiping never waits. */
const PREFETCH_AHEAD = 4;

function unique(cards: ShaderCard[]): ShaderCard[] {
  const seen = new Set<string>();
  return cards.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/** The adaptive feed: full-height snap-scrolling live shaders, virtualised, with dwell tracking. */
export function FeedView() {
  const [mode, setMode] = useState<FeedMode>('personal');
  const feed = useFeed(mode);
  const items = useMemo(() => unique(feed.data?.pages.flatMap((p) => p.items) ?? []), [feed.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const win = useFeedWindow(scroller, items.length);
  const vote = useVote();
  const toast = useToast();
  const active = items[win.active];
  // Cards go live once scrolling rests: flicking past twenty shaders should not compile twenty.
  const settled = useDebounced(win.active, 180);

  useEffect(() => {
    if (feed.hasNextPage && !feed.isFetchingNextPage && items.length > 0 && win.active >= items.length - PREFETCH_AHEAD) void feed.fetchNextPage();
  }, [win.active, items.length, feed]);

  useFeedKeys({
    onPrev: () => win.scrollToIndex(win.active - 1),
    onNext: () => win.scrollToIndex(win.active + 1),
    onVoteUp: () => {
      if (!active) return;
      vote.mutate(
        { id: active.id, value: active.votes.mine === 1 ? 0 : 1 },
        { onError: (err) => toast.error(`Vote not saved: ${errorMessage(err)}`) },
      );
    },
  });

  const h = win.slideHeight;
  const serverMode = feed.data?.pages[0]?.mode;
  return (
    <div className="feed" data-testid="shaders-feed" data-mode={serverMode ?? mode} data-count={items.length} data-active-index={win.active}>
      <div className="feed-modes" role="tablist" aria-label="Feed">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            className="feed-mode"
            aria-selected={mode === m.id}
            data-testid={`feed-mode-${m.id}`}
            onClick={() => {
              setMode(m.id);
              win.scrollToIndex(0, false);
            }}
          >
            {m.label}
          </button>
        ))}
      </div>
      <DesireBox />
      <div className="feed-scroller" ref={scroller} tabIndex={-1} aria-label="Shader feed" aria-busy={feed.isFetching}>
        {feed.isPending ? (
          <div className="feed-message">
            <Loading label="Finding shaders for you…" />
          </div>
        ) : feed.isError ? (
          <div className="feed-message">
            <ErrorBanner title="The feed could not load" error={feed.error} onRetry={() => void feed.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <FeedEnd empty />
        ) : h > 0 ? (
          <>
            <div style={{ height: win.start * h }} aria-hidden="true" />
            {items.slice(win.start, win.end).map((card, i) => {
              const index = win.start + i;
              return (
                <FeedCard
                  key={card.id}
                  card={card}
                  index={index}
                  active={index === win.active}
                  live={index === settled || index === settled + 1}
                  height={h}
                />
              );
            })}
            <div style={{ height: (items.length - win.end) * h }} aria-hidden="true" />
            {feed.hasNextPage ? null : <FeedEnd height={h} />}
          </>
        ) : null}
      </div>
      {items.length > 0 ? (
        <p className="feed-hints" aria-hidden="true">
          <span className="kbd">↑</span>
          <span className="kbd">↓</span> or <span className="kbd">j</span>
          <span className="kbd">k</span> to move · <span className="kbd">v</span> to upvote · {win.active + 1} / {items.length}
          {feed.hasNextPage ? '+' : ''}
        </p>
      ) : null}
    </div>
  );
}
