import { errorMessage } from '../../../api/errors.js';
import { useDesire, useFulfilDesire, useShader } from '../api/hooks.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { CandidateReview } from '../desires/CandidateReview.js';

/** After generating for a desire: hand the result over to it. */
export function FulfilWithResult({ desireId, shaderId }: { desireId: string; shaderId: string }) {
  const desire = useDesire(desireId);
  const shader = useShader(shaderId);
  const fulfil = useFulfilDesire();
  // The host only accepts a shader whose render passed; the draft's status arrives live.
  const render = shader.data?.renderStatus;
  const d = fulfil.data ?? desire.data;
  const done = d?.status === 'fulfilled' && d.fulfilledBy?.id === shaderId;
  // This draft is the desire's candidate: the poster's verdict (accept publishes it) instead of a bare fulfil.
  if (d && d.status !== 'fulfilled' && d.fulfilment?.state === 'candidate' && d.fulfilment.candidate?.shaderId === shaderId) {
    return (
      <div className="generate-fulfil" data-testid="generate-fulfil" data-status={d.status}>
        <span>
          For the desire <strong>“{d.promptText}”</strong>
        </span>
        <CandidateReview desire={d} showPreview={false} />
      </div>
    );
  }
  return (
    <div className="generate-fulfil" data-testid="generate-fulfil" data-status={d?.status ?? ''}>
      <span>
        For the desire <strong>“{d?.promptText ?? '…'}”</strong>{' '}
        {d ? (
          <span className="status-chip" data-status={d.status}>
            {d.status.replace('_', ' ')}
          </span>
        ) : null}
      </span>
      {done ? (
        <StudioLink to={studioPaths.desires()}>Fulfilled — see the board</StudioLink>
      ) : (
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="generate-fulfil-desire"
          disabled={fulfil.isPending || render !== 'ready' || d?.status === 'fulfilled' || d?.status === 'expired'}
          title={render === 'ready' ? undefined : render === 'failed' ? 'The render of this shader failed' : 'Waiting for the render to finish'}
          onClick={() => fulfil.mutate({ desireId, shaderId })}
        >
          {fulfil.isPending ? 'Fulfilling…' : render && render !== 'ready' ? (render === 'failed' ? 'Render failed' : 'Rendering…') : 'Fulfil the desire with this'}
        </button>
      )}
      {fulfil.isError ? <span className="field-error">{errorMessage(fulfil.error)}</span> : null}
    </div>
  );
}
