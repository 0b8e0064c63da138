import { useState } from 'react';
import type { VideoScene } from '../../../../shared/video/script.js';
import { MAX_SCENE_SEC, MIN_SCENE_SEC } from '../../../../shared/video/script.js';
import { fromDraft, toDraft, type SceneDraft } from './scene-draft.js';

interface Props {
  scene: VideoScene;
  index: number;
  count: number;
  dirty: boolean;
  busy: boolean;
  onSave(body: Omit<VideoScene, 'id'>, rerender: boolean): void;
  onMove(to: number): void;
}

/** One scene: what is seen, the camera, how long, the actions and the lines; saved alone, re-rendered alone. */
export function SceneEditor({ scene, index, count, dirty, busy, onSave, onMove }: Props) {
  const [draft, setDraft] = useState<SceneDraft>(() => toDraft(scene));
  const [error, setError] = useState<string | null>(null);
  const changed = JSON.stringify(draft) !== JSON.stringify(toDraft(scene));
  const set = (patch: Partial<SceneDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const save = (rerender: boolean): void => {
    const r = fromDraft(draft);
    if (!r.ok) {
      setError(r.reason);
      return;
    }
    setError(null);
    onSave(r.body, rerender);
  };
  return (
    <li className="scene-editor card" data-testid="video-scene" data-scene-id={scene.id} data-dirty={dirty || undefined}>
      <div className="scene-head">
        <h3 className="serif">
          Scene {index + 1} <span className="mono muted small">{scene.id}</span>
        </h3>
        {dirty ? <span className="badge" data-status="warn">edited · re-render to apply</span> : null}
        <span className="vp-spacer" />
        <button type="button" className="btn btn-ghost btn-small" disabled={index === 0 || busy} onClick={() => onMove(index - 1)} aria-label={`Move scene ${index + 1} up`}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost btn-small" disabled={index === count - 1 || busy} onClick={() => onMove(index + 1)} aria-label={`Move scene ${index + 1} down`}>
          ↓
        </button>
      </div>
      <label className="vfield">
        <span>What is seen</span>
        <textarea rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} aria-label={`Scene ${index + 1} description`} />
      </label>
      <div className="vfield-row">
        <label className="vfield">
          <span>Camera</span>
          <input value={draft.camera} onChange={(e) => set({ camera: e.target.value })} />
        </label>
        <label className="vfield">
          <span>Duration (s)</span>
          <input type="number" min={MIN_SCENE_SEC} max={MAX_SCENE_SEC} step={0.5} value={draft.durationSec} onChange={(e) => set({ durationSec: e.target.value })} aria-label={`Scene ${index + 1} duration`} />
        </label>
      </div>
      <label className="vfield">
        <span>Actions (one per line)</span>
        <textarea rows={2} value={draft.actions} onChange={(e) => set({ actions: e.target.value })} />
      </label>
      <fieldset className="scene-dialog">
        <legend>Lines</legend>
        {draft.dialog.map((l, i) => (
          <div key={i} className="scene-line">
            <input
              value={l.speaker}
              placeholder="Narrator"
              aria-label={`Scene ${index + 1} line ${i + 1} speaker`}
              onChange={(e) => set({ dialog: draft.dialog.map((x, j) => (j === i ? { ...x, speaker: e.target.value } : x)) })}
            />
            <input
              value={l.text}
              aria-label={`Scene ${index + 1} line ${i + 1}`}
              onChange={(e) => set({ dialog: draft.dialog.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
            />
            <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove line ${i + 1}`} onClick={() => set({ dialog: draft.dialog.filter((_, j) => j !== i) })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-ghost btn-small" onClick={() => set({ dialog: [...draft.dialog, { speaker: '', text: '' }] })}>
          + Line
        </button>
      </fieldset>
      {error ? (
        <p className="vfield-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="scene-actions">
        <button type="button" className="btn btn-secondary" disabled={!changed || busy} onClick={() => save(false)}>
          Save
        </button>
        <button type="button" className="btn btn-cta" disabled={(!changed && !dirty) || busy} onClick={() => save(true)} data-testid="scene-rerender">
          {changed ? 'Save & re-render' : 'Re-render'}
        </button>
        {changed ? (
          <button type="button" className="btn btn-ghost" onClick={() => setDraft(toDraft(scene))}>
            Discard
          </button>
        ) : null}
      </div>
    </li>
  );
}
