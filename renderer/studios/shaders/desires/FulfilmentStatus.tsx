import type { Desire } from '../../../../shared/schemas/desires.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { CandidateReview } from './CandidateReview.js';

/** What process_desire decided for this desire and where its automatic answer stands. */
export function FulfilmentStatus({ desire }: { desire: Desire }) {
  const f = desire.fulfilment;
  if (!f || desire.status === 'fulfilled' || desire.status === 'expired') return null;
  const watch = f.jobId ? `${studioPaths.generate({ desire: desire.id })}&job=${encodeURIComponent(f.jobId)}` : null;
  return (
    <div className="fulfilment" data-testid="desire-fulfilment" data-state={f.state} data-mode={f.mode}>
      {f.state === 'generating' ? (
        <p className="fulfilment-line">
          <span className="fulfilment-dot" aria-hidden="true" /> {f.reason}{' '}
          {watch ? (
            <StudioLink to={watch} data-testid="desire-watch-generation">
              Watch it being written
            </StudioLink>
          ) : null}
        </p>
      ) : f.state === 'candidate' ? (
        <CandidateReview desire={desire} />
      ) : f.state === 'failed' ? (
        <p className="fulfilment-line fulfilment-failed" role="status">
          The automatic attempt failed: {f.lastError ?? 'unknown reason'}. It is open on the board.
        </p>
      ) : (
        <p className="fulfilment-line muted small">{f.reason}</p>
      )}
    </div>
  );
}
