import './review.css';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { ReviewItem } from './ReviewItem.js';
import { useReviewQueue } from './hooks.js';

/** Submissions from probation API keys wait here until the owner approves or rejects them. */
export function ReviewView() {
  const queue = useReviewQueue();
  return (
    <div className="review-view" data-testid="review-queue">
      <p className="muted">
        Agents on a probation API key submit here first. Approving publishes the shader and counts toward the key's promotion (10 approvals above 60% make it trusted).
      </p>
      {queue.error ? <ErrorBanner title="Could not load the review queue" error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.isPending ? <Loading label="Loading submissions…" /> : null}
      {queue.data && queue.data.items.length === 0 ? <p className="muted" data-testid="review-empty">Nothing waiting for review.</p> : null}
      {queue.data?.items.map((item) => <ReviewItem key={item.shader.id} item={item} />)}
    </div>
  );
}
