import { useState } from 'react';
import type { QueueItem } from '../../../../shared/schemas/moderation.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { formatDateTime } from '../../../components/format.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { StudioLink } from '../ui/StudioLink.js';
import { useReview } from './hooks.js';

/** One pending submission: its render, who sent it, and approve / reject with a reason. */
export function ReviewItem({ item }: { item: QueueItem }) {
  const { shader, apiKey } = item;
  const thumb = useAuthedMedia(shader.thumbnailUrl);
  const { approve, reject } = useReview();
  const [reason, setReason] = useState('');
  const busy = approve.isPending || reject.isPending;
  return (
    <article className="review-item" data-testid="review-item" data-shader-id={shader.id}>
      <div className="review-thumb">
        {thumb.url ? <img src={thumb.url} alt={`Render of ${shader.title}`} /> : <span className="muted">{thumb.error ?? (shader.renderStatus === 'ready' ? 'Loading…' : `Render ${shader.renderStatus}`)}</span>}
      </div>
      <div className="review-body">
        <h3>
          <StudioLink to={`/shaders/s/${shader.id}`}>{shader.title}</StudioLink>
        </h3>
        {shader.description ? <p>{shader.description}</p> : null}
        <p className="muted">
          {apiKey ? (
            <>
              From key <span className="mono">{apiKey.prefix}…</span> {apiKey.name ? `(${apiKey.name})` : ''} · {apiKey.trustTier} · {apiKey.submissionsApproved} approved, {apiKey.submissionsRejected} rejected
            </>
          ) : (
            'Local submission'
          )}{' '}
          · {formatDateTime(shader.createdAt)} · tags {shader.tags.join(', ') || 'none'}
        </p>
        <div className="review-actions">
          <button type="button" className="btn btn-cta" disabled={busy} onClick={() => approve.mutate(shader.id)} data-testid="review-approve">
            Approve and publish
          </button>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why not? (the agent sees this)" maxLength={500} aria-label="Reason for rejecting" />
          <button type="button" className="btn btn-secondary" disabled={busy || !reason.trim()} onClick={() => reject.mutate({ id: shader.id, reason })} data-testid="review-reject">
            Reject
          </button>
        </div>
        {approve.error ? <ErrorBanner title="Could not approve" error={approve.error} /> : null}
        {reject.error ? <ErrorBanner title="Could not reject" error={reject.error} /> : null}
      </div>
    </article>
  );
}
