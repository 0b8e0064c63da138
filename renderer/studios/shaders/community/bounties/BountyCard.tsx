import { useState } from 'react';
import type { BountyDesire } from '../../../../../shared/schemas/community-bounties.js';
import { errorMessage } from '../../../../api/errors.js';
import { HeatMeter } from '../../desires/HeatMeter.js';
import { studioPaths } from '../../nav.js';
import { StudioLink } from '../../ui/StudioLink.js';
import { relativeTime } from '../../ui/time.js';
import { useToast } from '../../ui/toast.js';
import { BountyFulfilPicker } from './BountyFulfilPicker.js';
import { TipStatus } from './TipStatus.js';
import { dollars, usePosterVerdict } from './hooks.js';

const STATUS_LABEL: Record<BountyDesire['status'], string> = { open: 'open', in_progress: 'in progress', fulfilled: 'fulfilled', expired: 'expired' };

/** The poster's choice while the 48 h window is open: accept (tips go to the creator now) or "not what I wanted" (refund, re-open). */
function PosterVerdict({ desire }: { desire: BountyDesire }) {
  const verdict = usePosterVerdict(desire.id);
  const toast = useToast();
  const decide = (v: 'accept' | 'reject') =>
    verdict.mutate(v, {
      onSuccess: (r) => {
        const moved = r.movedCents ? dollars(r.movedCents) : null;
        toast.ok(v === 'accept' ? (moved ? `Accepted: ${moved} released to the creator` : 'Accepted') : moved ? `Re-opened: ${moved} refunded to you` : 'Re-opened on the board');
      },
    });
  if (desire.post?.acceptedAt) return <span className="chip" data-testid="bounty-accepted">accepted</span>;
  const open = desire.releaseAt !== null && new Date(desire.releaseAt).getTime() > Date.now();
  if (!open) return <span className="muted small">the 48 h window has closed</span>;
  return (
    <div className="bounty-verdict">
      <button type="button" className="btn btn-cta" data-testid="bounty-accept" disabled={verdict.isPending} onClick={() => decide('accept')}>
        Accept
      </button>
      <button type="button" className="btn btn-secondary" data-testid="bounty-reject" disabled={verdict.isPending} onClick={() => decide('reject')}>
        Not what I wanted
      </button>
      {verdict.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(verdict.error)}
        </p>
      ) : null}
    </div>
  );
}

/** One desire on the relay's board: heat, held tip, status, and what the signed-in user can do with it. */
export function BountyCard({ desire, signedIn }: { desire: BountyDesire; signedIn: boolean }) {
  const [fulfilling, setFulfilling] = useState(false);
  const open = desire.status === 'open' || desire.status === 'in_progress';

  return (
    <li className="desire-row bounty-card" data-testid="bounty-card" data-bounty-id={desire.id} data-status={desire.status} data-mine={desire.mine}>
      <HeatMeter heat={desire.heatScore} size={1} />
      <div className="desire-body">
        <p className="desire-text">{desire.promptText}</p>
        <div className="desire-meta">
          <span className="status-chip" data-status={desire.status}>
            {STATUS_LABEL[desire.status]}
          </span>
          {desire.heldTipCents > 0 ? (
            <span className="chip desire-tip" data-testid="bounty-held-tip" title="Paid and held until release or refund">
              tip {dollars(desire.heldTipCents)} held
            </span>
          ) : null}
          <span className="muted small">
            {desire.mine ? 'you' : desire.author.username} · {relativeTime(desire.createdAt)}
            {desire.expiresAt && open ? ` · expires ${relativeTime(desire.expiresAt)}` : ''}
          </span>
          {desire.fulfilledByItemId ? (
            <StudioLink className="small" to={studioPaths.communityItem(desire.fulfilledByItemId)} data-testid="bounty-fulfilled-by">
              see the shader that fulfilled it
            </StudioLink>
          ) : null}
          {desire.releaseAt && desire.status === 'fulfilled' ? <span className="muted small">tips release {relativeTime(desire.releaseAt)}</span> : null}
        </div>
        {desire.post ? <TipStatus post={desire.post} /> : null}
        {desire.mine && desire.status === 'fulfilled' ? <PosterVerdict desire={desire} /> : null}
        {fulfilling ? <BountyFulfilPicker desire={desire} onClose={() => setFulfilling(false)} /> : null}
      </div>
      {open && !desire.mine && signedIn && !fulfilling ? (
        <button type="button" className="btn btn-secondary desire-fulfil-btn" data-testid="bounty-fulfil" onClick={() => setFulfilling(true)}>
          Fulfil with a shader
        </button>
      ) : null}
    </li>
  );
}
