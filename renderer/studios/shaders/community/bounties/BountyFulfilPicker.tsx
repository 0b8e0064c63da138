import { useState } from 'react';
import type { BountyDesire } from '../../../../../shared/schemas/community-bounties.js';
import { errorMessage } from '../../../../api/errors.js';
import { MyShaderPicks } from '../../desires/MyShaderPicks.js';
import { useToast } from '../../ui/toast.js';
import { useFulfilBounty } from './hooks.js';

/** "Fulfil with a shader": pick one of yours; one not on the relay yet is published first (a Jobs entry). */
export function BountyFulfilPicker({ desire, onClose }: { desire: BountyDesire; onClose(): void }) {
  const [picked, setPicked] = useState<string | null>(null);
  const fulfil = useFulfilBounty(desire.id);
  const toast = useToast();
  return (
    <div className="fulfil-panel" data-testid="bounty-fulfil-panel">
      <p className="field-label">Fulfil with one of your shaders</p>
      <p className="muted small">If it is not on the community relay yet it is published there first. Held tips reach you 48 h after fulfilment unless the poster says it is not what they wanted.</p>
      <MyShaderPicks name={`bounty-fulfil-${desire.id}`} testId="bounty-fulfil-pick" picked={picked} onPick={setPicked} chip={(s) => s.status} />
      {fulfil.isError ? (
        <p className="field-error" role="alert" data-testid="bounty-fulfil-error">
          {errorMessage(fulfil.error)}
        </p>
      ) : null}
      <div className="fulfil-new">
        <button
          type="button"
          className="btn btn-cta"
          data-testid="bounty-fulfil-confirm"
          disabled={!picked || fulfil.isPending}
          onClick={() => picked && fulfil.mutate(picked, { onSuccess: () => (toast.ok('Bounty fulfilled on the community board'), onClose()) })}
        >
          {fulfil.isPending ? 'Publishing if needed, then fulfilling…' : 'Fulfil with this shader'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose} disabled={fulfil.isPending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
