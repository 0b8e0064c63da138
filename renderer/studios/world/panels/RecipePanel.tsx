import { useEffect, useState } from 'react';
import type { AssetDefinition, Entity } from '../../../../shared/schemas/world.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import { useWorldStore } from '../store/world-store.js';
import { NumField } from './fields.js';

type RecipeJson = Record<string, unknown> & { params?: Record<string, number>; scaleMeters?: number[]; materials?: Array<Record<string, unknown>> };

/**
 * The recipe's generation parameters (up to 20 named numbers, the size and the first material's
 * colour) as controls; "Regenerate" sends the edited recipe as a new version of the asset, and the
 * entity shows a draft until it is ready.
 */
export function RecipePanel({ entity, asset }: { entity: Entity; asset: AssetDefinition }) {
  const original = asset.generationRecipe as RecipeJson | null;
  const [recipe, setRecipe] = useState<RecipeJson | null>(original);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setRecipe(original), [original]);
  if (!recipe) return <p className="muted">No generation parameters ({asset.source} asset).</p>;

  const params = recipe.params ?? {};
  const size = recipe.scaleMeters ?? [1, 1, 1];
  const color = typeof recipe.materials?.[0]?.color === 'string' ? (recipe.materials[0].color as string) : '#888888';
  const dirty = JSON.stringify(recipe) !== JSON.stringify(original);

  const regenerate = async () => {
    const s = useWorldStore.getState();
    if (!s.world) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.call('world.jobs.create', {
        body: {
          worldId: s.world.id,
          prompt: asset.prompt || asset.displayName,
          negativePrompt: asset.negativePrompt,
          seed: asset.seed ?? 0,
          draft: true,
          recipe,
          entityId: entity.id,
        },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      s.external(entity.id, { status: res.entity.status, jobId: res.entity.jobId, assetId: res.entity.assetId, lastError: null, placeholder: res.entity.placeholder });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="world-recipe">
      <div className="world-grid2">
        {(['width', 'height', 'depth'] as const).map((axis, i) => (
          <NumField
            key={axis}
            label={`size ${axis} (m)`}
            value={size[i] ?? 1}
            min={0.05}
            max={200}
            onCommit={(v) => setRecipe({ ...recipe, scaleMeters: size.map((x, k) => (k === i ? v : x)) })}
          />
        ))}
        {Object.entries(params)
          .slice(0, 20)
          .map(([k, v]) => (
            <NumField key={k} label={k} value={v} onCommit={(nv) => setRecipe({ ...recipe, params: { ...params, [k]: nv } })} />
          ))}
        {recipe.materials?.length ? (
          <label className="world-num">
            <span>colour</span>
            <input
              type="color"
              value={color}
              aria-label="Material colour"
              onChange={(e) => setRecipe({ ...recipe, materials: recipe.materials!.map((m, i) => (i === 0 ? { ...m, color: e.target.value } : m)) })}
            />
          </label>
        ) : null}
      </div>
      <button type="button" className="btn btn-secondary" disabled={!dirty || busy} onClick={() => void regenerate()}>
        {busy ? 'Queuing…' : 'Regenerate as new version'}
      </button>
      {error ? <p className="world-error" role="alert">{error}</p> : null}
    </div>
  );
}
