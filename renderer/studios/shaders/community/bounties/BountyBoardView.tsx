import { useState } from 'react';
import { ApiRequestError } from '../../../../api/errors.js';
import { ErrorBanner } from '../../../../components/ErrorBanner.js';
import { Loading } from '../../../../components/Loading.js';
import { StudioLink } from '../../ui/StudioLink.js';
import { BountyCard } from './BountyCard.js';
import { useBountyBoard, type BountyStatus } from './hooks.js';
import './bounties.css';

const FILTERS: Array<{ id: BountyStatus; label: string }> = [
  { id: 'open', label: 'Open' },
  { id: 'fulfilled', label: 'Fulfilled' },
];

/** The community relay's bounty board, hottest first: what people will tip for, and your own posts' states. */
export function BountyBoardView() {
  const [status, setStatus] = useState<BountyStatus>('open');
  const board = useBountyBoard(status);
  const code = board.error instanceof ApiRequestError ? board.error.code : '';
  return (
    <section className="desires-main bounty-board" aria-labelledby="bounty-title" data-testid="bounty-board">
      <div className="desires-head">
        <h2 id="bounty-title">Community bounty board</h2>
        <div className="explore-sorts" role="tablist" aria-label="Status">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" role="tab" className="feed-mode" aria-selected={status === f.id} data-testid={`bounty-filter-${f.id}`} onClick={() => setStatus(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {board.isPending ? (
        <Loading label="Reading the bounty board…" />
      ) : code === 'community_not_configured' ? (
        <div className="empty-state" data-testid="bounty-not-configured">
          <p className="empty-title">No community relay is set</p>
          <p>
            Add the relay's address under <StudioLink to="/settings">Settings → Community</StudioLink> to see its bounty board.
          </p>
        </div>
      ) : board.isError ? (
        <div data-testid="bounty-relay-error" data-code={code}>
          <ErrorBanner title={code === 'relay_unreachable' ? 'The community relay is not answering' : 'Could not read the bounty board'} error={board.error} onRetry={() => void board.refetch()} />
        </div>
      ) : (
        <>
          {!board.data.signedIn ? (
            <p className="muted small" data-testid="bounty-signed-out">
              Signed out: you can read the board. Sign in under <StudioLink to="/settings">Settings → Community</StudioLink> to fulfil bounties or post your own (Pro).
            </p>
          ) : null}
          {board.data.desires.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">{status === 'open' ? 'No open bounties' : 'Nothing fulfilled yet'}</p>
              <p>Post one of your desires with “Post to community board” on the Queue.</p>
            </div>
          ) : (
            <ol className="desire-clusters" data-testid="bounty-list">
              {board.data.desires.map((d) => (
                <BountyCard key={d.id} desire={d} signedIn={board.data.signedIn} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
