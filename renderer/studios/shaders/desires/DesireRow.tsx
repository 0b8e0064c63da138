import { useState } from 'react';
import type { Desire } from '../../../../shared/schemas/desires.js';
import { PostToBoard } from '../community/bounties/PostToBoard.js';
import { studioPaths } from '../nav.js';
import { relativeTime } from '../ui/time.js';
import { StudioLink } from '../ui/StudioLink.js';
import { FulfilmentStatus } from './FulfilmentStatus.js';
import { FulfilPanel } from './FulfilPanel.js';
import { HeatMeter } from './HeatMeter.js';

const STATUS_LABEL: Record<Desire['status'], string> = { open: 'open', in_progress: 'in progress', fulfilled: 'fulfilled', expired: 'expired' };

function HintChips({ desire }: { desire: Desire }) {
  const h = desire.styleHints;
  if (!h) return null;
  const chips: string[] = [];
  if (h.chaos !== undefined) chips.push(`chaos ${Math.round(h.chaos * 100)}%`);
  if (h.colorTemperature !== undefined) chips.push(h.colorTemperature < -0.33 ? 'cool' : h.colorTemperature > 0.33 ? 'warm' : 'neutral colours');
  if (h.motion !== undefined) chips.push(`motion ${Math.round(h.motion * 100)}%`);
  if (h.motionType) chips.push(h.motionType);
  if (h.geometry) chips.push(h.geometry.replace(/_/g, ' '));
  return (
    <span className="chips">
      {chips.map((c) => (
        <span key={c} className="chip">
          {c}
        </span>
      ))}
    </span>
  );
}

/** One desire: heat, text, style hints, status, age and what can be done about it. */
export function DesireRow({ desire, clusterSize, nested = false }: { desire: Desire; clusterSize: number; nested?: boolean }) {
  const [fulfilling, setFulfilling] = useState(false);
  const actionable = desire.status === 'open' || desire.status === 'in_progress';
  const Tag = nested ? 'li' : 'div';
  return (
    <Tag className="desire-row" data-testid="desire-row" data-desire-id={desire.id} data-status={desire.status} data-heat={desire.heatScore.toFixed(3)}>
      <HeatMeter heat={desire.heatScore} size={clusterSize} />
      <div className="desire-body">
        <p className="desire-text">{desire.promptText}</p>
        <div className="desire-meta">
          <span className="status-chip" data-status={desire.status} data-testid="desire-status">
            {STATUS_LABEL[desire.status]}
          </span>
          <HintChips desire={desire} />
          {desire.tipAmountCents > 0 ? <span className="chip desire-tip">tip ${(desire.tipAmountCents / 100).toFixed(2)}</span> : null}
          <span className="muted small">
            {desire.author?.username ?? 'someone'} · {relativeTime(desire.createdAt)}
            {desire.expiresAt && actionable ? ` · expires ${relativeTime(desire.expiresAt)}` : ''}
          </span>
          {desire.fulfilledBy ? (
            <span className="small">
              fulfilled by{' '}
              <StudioLink to={studioPaths.detail(desire.fulfilledBy.id)} data-testid="desire-fulfilled-by">
                {desire.fulfilledBy.title}
              </StudioLink>
            </span>
          ) : null}
        </div>
        <FulfilmentStatus desire={desire} />
        <PostToBoard desire={desire} />
        {fulfilling ? <FulfilPanel desire={desire} onClose={() => setFulfilling(false)} /> : null}
      </div>
      {actionable && !fulfilling ? (
        <button type="button" className="btn btn-secondary desire-fulfil-btn" data-testid="desire-fulfil" onClick={() => setFulfilling(true)}>
          Fulfil
        </button>
      ) : null}
    </Tag>
  );
}
