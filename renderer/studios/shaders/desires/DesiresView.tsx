import { useMemo, useState } from 'react';
import type { Desire } from '../../../../shared/schemas/desires.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useDesires, type DesireFilter } from '../api/hooks.js';
import { BountyBoardView } from '../community/bounties/BountyBoardView.js';
import { DesireCluster } from './DesireCluster.js';
import { DesireForm } from './DesireForm.js';
import './desires.css';

const FILTERS: Array<{ id: DesireFilter; label: string }> = [
  { id: 'active', label: 'Open' },
  { id: 'fulfilled', label: 'Fulfilled' },
  { id: 'expired', label: 'Expired' },
  { id: 'all', label: 'All' },
];

/** Desires that joined the same cluster travel together; the hottest member leads. */
function clusters(items: Desire[]): Desire[][] {
  const groups = new Map<string, Desire[]>();
  for (const d of items) {
    const key = d.clusterId ?? d.id;
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()]
    .map((g) => g.sort((a, b) => b.heatScore - a.heatScore))
    .sort((a, b) => (b[0]?.heatScore ?? 0) - (a[0]?.heatScore ?? 0));
}

/** The bounty board: post what you want to see, browse demand by heat, fulfil with a shader. */
export function DesiresView() {
  const [filter, setFilter] = useState<DesireFilter>('active');
  const list = useDesires(filter);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const grouped = useMemo(() => clusters(items), [items]);
  const [where, setWhere] = useState<'queue' | 'community'>('queue');
  // This studio's queue, or the community relay's bounty board (where desires can be posted with tips).
  const switcher = (
    <div className="explore-sorts desires-switch" role="tablist" aria-label="Which board">
      <button type="button" role="tab" className="feed-mode" aria-selected={where === 'queue'} data-testid="desires-where-queue" onClick={() => setWhere('queue')}>
        This studio's queue
      </button>
      <button type="button" role="tab" className="feed-mode" aria-selected={where === 'community'} data-testid="desires-where-community" onClick={() => setWhere('community')}>
        Community bounty board
      </button>
    </div>
  );
  if (where === 'community') {
    return (
      <div className="desires studio-pad">
        {switcher}
        <BountyBoardView />
      </div>
    );
  }

  return (
    <div className="desires studio-pad">
      {switcher}
      <div className="desires-layout">
        <aside className="desires-side">
          <DesireForm />
          <p className="muted small desires-explainer">
            Similar desires are clustered by meaning; <strong>heat</strong> grows with how many people want something alike
            in the last week and cools as the desire ages. Fulfil one with a shader of yours, write it in the editor, or let
            generation try.
          </p>
        </aside>
        <section className="desires-main" aria-labelledby="desires-title">
          <div className="desires-head">
            <h2 id="desires-title">Desire board</h2>
            <div className="explore-sorts" role="tablist" aria-label="Status">
              {FILTERS.map((f) => (
                <button key={f.id} type="button" role="tab" className="feed-mode" aria-selected={filter === f.id} data-testid={`desires-filter-${f.id}`} onClick={() => setFilter(f.id)}>
                  {f.label}
                </button>
              ))}
            </div>
          </div>
          {list.isPending ? (
            <Loading label="Loading desires…" />
          ) : list.isError ? (
            <ErrorBanner title="Could not load desires" error={list.error} onRetry={() => void list.refetch()} />
          ) : grouped.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">{filter === 'active' ? 'No open desires' : 'Nothing here'}</p>
              <p>Post what you would love to see; it shows up here with its heat.</p>
            </div>
          ) : (
            <ol className="desire-clusters" data-testid="desire-list">
              {grouped.map((g) => (
                <DesireCluster key={g[0]!.clusterId ?? g[0]!.id} members={g} />
              ))}
            </ol>
          )}
          {list.hasNextPage ? (
            <div className="explore-more">
              <button type="button" className="btn btn-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}
