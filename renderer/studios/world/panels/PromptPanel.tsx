import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { composeRecipe } from '../../../../shared/world/compose-recipe.js';
import type { StampShape } from '../../../../shared/world/terrain.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import { worldKeys } from '../api/keys.js';
import { spawnInFront } from '../scene/spawn-point.js';
import { stampTerrain } from '../scene/stamp.js';
import { spawnCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';

/**
 * Prompt → placeholder (seed §6 Step B): the host answers POST /world/jobs at once with the
 * composer's placeholder entity and queues generation; the entity is placed in front of the
 * camera and selected. It is one undoable spawn.
 */
export function PromptPanel() {
  const world = useWorldStore((s) => s.world);
  const mode = useWorldStore((s) => s.mode);
  const [prompt, setPrompt] = useState('');
  const [draft, setDraft] = useState(true);
  const [busy, setBusy] = useState(false);
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
      const at = spawnInFront().position;
      const label = stampTerrain({ shape: r.shape as StampShape, x: at[0], z: at[2], width: r.scaleMeters[0], depth: r.scaleMeters[2], height: r.scaleMeters[1] });
      setNote(label);
      setPrompt('');
      return;
    }
    setBusy(true);
    try {
      const res = await api.call('world.jobs.create', {
        body: { worldId: world.id, prompt: text, negativePrompt: '', seed: 0, draft, transform: spawnInFront() },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      const s = useWorldStore.getState();
      s.commit(spawnCommand(`Spawn “${res.entity.name}”`, [res.entity]));
      s.select([res.entity.id]);
      setNote(res.reused ? `Reused the stored asset for “${res.entity.name}”.` : res.placeholder.note);
      setPrompt('');
      void qc.invalidateQueries({ queryKey: worldKeys.assetsAll });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
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
        <button type="submit" className="btn btn-cta" disabled={busy || !prompt.trim() || mode !== 'build'}>
          {busy ? 'Placing…' : 'Spawn'}
        </button>
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
