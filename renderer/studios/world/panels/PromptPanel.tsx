import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { composeRecipe } from '../../../../shared/world/compose-recipe.js';
import { placeholderFields } from '../../../../shared/world/placeholder-entity.js';
import type { StampShape } from '../../../../shared/world/terrain.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import { worldKeys } from '../api/keys.js';
import { groundInFront, spawnInFront } from '../scene/spawn-point.js';
import { stampTerrain } from '../scene/stamp.js';
import { optimisticEntity } from '../store/optimistic.js';
import { useWorldStore } from '../store/world-store.js';

/**
 * Prompt → placeholder (seed §6 Step B): on Enter the pure composer's placeholder is placed in
 * front of the camera and selected in the same frame (optimistically, under a temporary id);
 * POST /world/jobs then creates the host's entity and queues generation, and its answer takes the
 * placeholder's place (host id, possibly an LLM-refined recipe or a reused asset). A refusal
 * (budget, bad prompt) removes it and says why. It is one undoable spawn either way.
 */
export function PromptPanel() {
  const world = useWorldStore((s) => s.world);
  const mode = useWorldStore((s) => s.mode);
  const [prompt, setPrompt] = useState('');
  const [draft, setDraft] = useState(true);
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const qc = useQueryClient();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = prompt.trim();
    if (!world || !text) return;
    setError(null);
    setNote(null);
    // Landforms ("a crater", "a hill") go into the heightmap, not into the world as objects.
    const composed = composeRecipe(text, { style: world.settings.style, allowedKinds: world.settings.allowedKinds });
    if (composed.recipe.kind === 'terrain_stamp' && !composed.fallback) {
      const r = composed.recipe;
      const at = groundInFront();
      const label = stampTerrain({ shape: r.shape as StampShape, x: at.x, z: at.z, width: r.scaleMeters[0], depth: r.scaleMeters[2], height: r.scaleMeters[1] });
      setNote(label);
      setPrompt('');
      return;
    }
    const s = useWorldStore.getState();
    // The host counts every entity against the budget; refusing here spares a placeholder that would vanish.
    if (Object.keys(s.entities).length >= world.settings.budget.maxEntities) {
      setError(`This world is at its budget of ${world.settings.budget.maxEntities} objects; delete some or raise the budget in World settings.`);
      return;
    }
    const transform = spawnInFront(composed.recipe.scaleMeters);
    const temp = optimisticEntity(world.id, placeholderFields(composed.recipe, composed.placeholder.massKg), transform);
    s.spawnOptimistic(temp, `Spawn “${temp.name}”`);
    setPrompt('');
    setNote(composed.fallback ? (composed.reason ?? 'no known object kind: a generic shape stands in') : null);
    setInFlight((n) => n + 1);
    try {
      const res = await api.call('world.jobs.create', {
        body: { worldId: world.id, prompt: text, negativePrompt: '', seed: 0, draft, transform },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      useWorldStore.getState().adopt(temp.id, res.entity);
      setNote(res.reused ? `Reused the stored asset for “${res.entity.name}”.` : res.placeholder.note);
      void qc.invalidateQueries({ queryKey: worldKeys.assetsAll });
    } catch (err) {
      useWorldStore.getState().refuse(temp.id);
      setError(`“${text}” was not spawned: ${errorMessage(err)}`);
      setPrompt((p) => p || text);
    } finally {
      setInFlight((n) => n - 1);
    }
  };

  return (
    <form className="world-panel world-prompt" onSubmit={submit} aria-label="Spawn from a prompt">
      <h2>Prompt</h2>
      <input
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        placeholder="a rusty barrel, a small wooden table…"
        aria-label="Prompt"
        maxLength={2000}
        disabled={mode !== 'build'}
        data-testid="world-prompt"
      />
      <div className="world-row">
        <label className="world-check">
          <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Draft quality
        </label>
        <button type="submit" className="btn btn-cta" disabled={!prompt.trim() || mode !== 'build'}>
          Spawn
        </button>
        {inFlight > 0 ? <span className="world-note" data-testid="world-prompt-sending">Sending {inFlight}…</span> : null}
      </div>
      {note ? <p className="world-note" data-testid="world-prompt-note">{note}</p> : null}
      {error ? (
        <p className="world-error" role="alert" data-testid="world-prompt-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
