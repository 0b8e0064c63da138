import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { KINDS, checkDraft, draftOf, type SettingsDraft } from '../store/settings-draft.js';
import { useWorldStore } from '../store/world-store.js';

const KIND_LABEL: Record<(typeof KINDS)[number], string> = { prop: 'Props', structure: 'Structures', character: 'Characters', terrain_stamp: 'Terrain stamps' };

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className={`world-num ${error ? 'invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error ? (
        <em className="world-field-error" role="alert" data-testid="world-settings-error">
          {error}
        </em>
      ) : null}
    </label>
  );
}

/**
 * World settings (name, style, scale unit, gravity, allowed kinds, budget, sky and sun): edited
 * as a form, applied as one undoable command once every field passes the shared WorldSettings
 * schema, saved with the world by autosave. Collapsed by default.
 */
export function SettingsPanel() {
  const world = useWorldStore((s) => s.world);
  const mode = useWorldStore((s) => s.mode);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Undo / redo (or a reload) changes the world under the form: show what it is now.
  useEffect(() => {
    if (world) setDraft(draftOf(world));
    setErrors({});
  }, [world]);
  if (!world || !draft) return null;

  const set = (patch: Partial<SettingsDraft>) => setDraft({ ...draft, ...patch });
  const text = (key: keyof SettingsDraft, label: string, errKey: string, testId?: string) => (
    <Field label={label} error={errors[errKey]}>
      <input type="text" value={draft[key] as string} aria-label={label} data-testid={testId} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const r = checkDraft(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    const s = useWorldStore.getState();
    if (!s.world) return;
    s.commit({ label: 'World settings', entities: {}, world: { before: { name: s.world.name, settings: s.world.settings }, after: r.meta } });
  };

  return (
    <details className="world-panel world-settings" data-testid="world-settings">
      <summary>
        <h2>World settings</h2>
      </summary>
      <form onSubmit={apply} aria-label="World settings">
        {text('name', 'Name', 'name', 'world-settings-name')}
        {text('style', 'Style', 'style', 'world-settings-style')}
        <Field label="Scale unit">
          <select value="m" disabled aria-label="Scale unit">
            <option value="m">metres</option>
          </select>
        </Field>
        {text('gravity', 'Gravity (m/s², negative is down)', 'gravity', 'world-settings-gravity')}
        <fieldset className="world-kinds">
          <legend>Allowed kinds</legend>
          {KINDS.map((k) => (
            <label key={k} className="world-check">
              <input
                type="checkbox"
                checked={draft.allowedKinds.includes(k)}
                onChange={(e) => set({ allowedKinds: e.target.checked ? [...draft.allowedKinds, k] : draft.allowedKinds.filter((x) => x !== k) })}
              />{' '}
              {KIND_LABEL[k]}
            </label>
          ))}
          {errors.allowedKinds ? (
            <em className="world-field-error" role="alert" data-testid="world-settings-error">
              {errors.allowedKinds}
            </em>
          ) : null}
        </fieldset>
        {text('maxEntities', 'Object budget', 'budget.maxEntities', 'world-settings-max-entities')}
        {text('maxTriangles', 'Triangle budget (imports)', 'budget.maxTriangles')}
        <Field label="Sky colour" error={errors['sky.color']}>
          <input type="color" value={draft.skyColor} aria-label="Sky colour" onChange={(e) => set({ skyColor: e.target.value })} />
        </Field>
        {text('sunIntensity', 'Sun intensity', 'sky.sunIntensity', 'world-settings-sun')}
        {text('sunElevationDeg', 'Sun elevation (°)', 'sky.sunElevationDeg')}
        {text('sunAzimuthDeg', 'Sun azimuth (°)', 'sky.sunAzimuthDeg')}
        {text('ambient', 'Ambient light', 'sky.ambient')}
        <div className="world-row">
          <button type="button" className="btn btn-secondary" onClick={() => {
              setDraft(draftOf(world));
              setErrors({});
            }}>
            Reset
          </button>
          <button type="submit" className="btn btn-cta" disabled={mode !== 'build'} data-testid="world-settings-apply">
            Apply
          </button>
        </div>
      </form>
    </details>
  );
}
