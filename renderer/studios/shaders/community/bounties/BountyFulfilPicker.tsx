import { useMemo, useState } from 'react';
import type { BountyDesire } from '../../../../../shared/schemas/community-bounties.js';
import { errorMessage } from '../../../../api/errors.js';
import { Loading } from '../../../../components/Loading.js';
import { useShaderList } from '../../api/hooks.js';
import { ShaderCanvas } from '../../canvas/ShaderCanvas.js';
import { useToast } from '../../ui/toast.js';
import { useFulfilBounty } from './hooks.js';

/** "Fulfil with a shader": pick one of yours; one not on the relay yet is published first (a Jobs entry). */
export function BountyFulfilPicker({ desire, onClose }: { desire: BountyDesire; onClose(): void }) {
  const mine = useShaderList({ mine: 'true', sort: 'new' });
  const shaders = useMemo(() => mine.data?.pages.flatMap((p) => p.items) ?? [], [mine.data]);
  const [picked, setPicked] = useState<string | null>(null);
  const fulfil = useFulfilBounty(desire.id);
  const toast = useToast();
  return (
    <div className="fulfil-panel" data-testid="bounty-fulfil-panel">
      <p className="field-label">Fulfil with one of your shaders</p>
      <p className="muted small">If it is not on the community relay yet it is published there first. Held tips reach you 48 h after fulfilment unless the poster says it is not what they wanted.</p>
      {mine.isPending ? (
        <Loading label="Loading your shaders…" />
      ) : shaders.length === 0 ? (
        <p className="muted small">You have no shaders yet.</p>
      ) : (
        <ul className="fulfil-picks" role="radiogroup" aria-label="Your shaders">
          {shaders.map((s) => (
            <li key={s.id}>
              <label className="fulfil-pick" data-selected={picked === s.id} data-testid="bounty-fulfil-pick" data-shader-id={s.id}>
                <input type="radio" name={`bounty-fulfil-${desire.id}`} checked={picked === s.id} onChange={() => setPicked(s.id)} />
                <ShaderCanvas source={null} priority={0} live={false} thumbnailUrl={s.thumbnailUrl} label={s.title} className="fulfil-thumb" />
                <span className="fulfil-pick-title">{s.title}</span>
                <span className="status-chip" data-status={s.status}>
                  {s.status}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
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
