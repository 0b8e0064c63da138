import { useState } from 'react';
import type { Desire } from '../../../../shared/schemas/desires.js';
import { errorMessage } from '../../../api/errors.js';
import { useFulfilDesire } from '../api/hooks.js';
import { studioPaths, useNavigate } from '../nav.js';
import { useToast } from '../ui/toast.js';
import { MyShaderPicks } from './MyShaderPicks.js';

/** Fulfil a desire: with one of your shaders, or by writing/generating a new one for it. */
export function FulfilPanel({ desire, onClose }: { desire: Desire; onClose(): void }) {
  const [picked, setPicked] = useState<string | null>(null);
  const fulfil = useFulfilDesire();
  const navigate = useNavigate();
  const toast = useToast();

  return (
    <div className="fulfil-panel" data-testid="fulfil-panel">
      <div className="fulfil-new">
        <button type="button" className="btn btn-cta" data-testid="fulfil-generate" onClick={() => navigate(studioPaths.generate({ desire: desire.id }))}>
          Generate it
        </button>
        <button type="button" className="btn btn-secondary" data-testid="fulfil-write" onClick={() => navigate(studioPaths.newShader({ desire: desire.id }))}>
          Write it in the editor
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
      <p className="field-label">…or pick one of your shaders</p>
      <MyShaderPicks name={`fulfil-${desire.id}`} testId="fulfil-pick" picked={picked} onPick={setPicked} chip={(s) => s.renderStatus} />
      {fulfil.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(fulfil.error)}
        </p>
      ) : null}
      <button
        type="button"
        className="btn btn-cta"
        data-testid="fulfil-confirm"
        disabled={!picked || fulfil.isPending}
        onClick={() =>
          picked &&
          fulfil.mutate(
            { desireId: desire.id, shaderId: picked },
            {
              onSuccess: (d) => {
                toast.ok(d.status === 'fulfilled' ? 'Desire fulfilled' : 'Submitted — it is fulfilled once the shader has rendered');
                onClose();
              },
            },
          )
        }
      >
        {fulfil.isPending ? 'Fulfilling…' : 'Fulfil with this shader'}
      </button>
    </div>
  );
}
