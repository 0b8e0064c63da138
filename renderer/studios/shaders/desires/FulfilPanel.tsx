import { useMemo, useState } from 'react';
import type { Desire } from '../../../../shared/schemas/desires.js';
import { errorMessage } from '../../../api/errors.js';
import { Loading } from '../../../components/Loading.js';
import { useFulfilDesire, useShaderList } from '../api/hooks.js';
import { ShaderCanvas } from '../canvas/ShaderCanvas.js';
import { studioPaths, useNavigate } from '../nav.js';
import { useToast } from '../ui/toast.js';

/** Fulfil a desire: with one of your shaders, or by writing/generating a new one for it. */
export function FulfilPanel({ desire, onClose }: { desire: Desire; onClose(): void }) {
  const mine = useShaderList({ mine: 'true', sort: 'new' });
  const shaders = useMemo(() => mine.data?.pages.flatMap((p) => p.items) ?? [], [mine.data]);
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
      {mine.isPending ? (
        <Loading label="Loading your shaders…" />
      ) : shaders.length === 0 ? (
        <p className="muted small">You have no shaders yet.</p>
      ) : (
        <ul className="fulfil-picks" role="radiogroup" aria-label="Your shaders">
          {shaders.map((s) => (
            <li key={s.id}>
              <label className="fulfil-pick" data-selected={picked === s.id} data-testid="fulfil-pick" data-shader-id={s.id}>
                <input type="radio" name={`fulfil-${desire.id}`} checked={picked === s.id} onChange={() => setPicked(s.id)} />
                <ShaderCanvas source={null} priority={0} live={false} thumbnailUrl={s.thumbnailUrl} label={s.title} className="fulfil-thumb" />
                <span className="fulfil-pick-title">{s.title}</span>
                <span className="status-chip" data-status={s.renderStatus}>
                  {s.renderStatus}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
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
