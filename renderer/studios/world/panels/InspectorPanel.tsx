import { useState } from 'react';
import { Euler, MathUtils, Quaternion } from 'three';
import { BodyType, type Entity } from '../../../../shared/schemas/world.js';
import { useAsset } from '../api/hooks.js';
import { patchCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { deleteSelection, duplicateSelection, retryGeneration, saveSelectionAsPrefab } from './actions.js';
import { BrushPanel } from './BrushPanel.js';
import { NumField, Vec3Field } from './fields.js';
import { RecipePanel } from './RecipePanel.js';

/** Every inspector change is one undoable command on the selected entity. */
function edit(label: string, id: string, patch: (e: Entity) => Entity): void {
  const s = useWorldStore.getState();
  s.commit(patchCommand(label, s.entities, [id], patch));
}

function toEulerDeg(q: readonly number[]): [number, number, number] {
  const e = new Euler().setFromQuaternion(new Quaternion(q[0], q[1], q[2], q[3]).normalize());
  return [MathUtils.radToDeg(e.x), MathUtils.radToDeg(e.y), MathUtils.radToDeg(e.z)];
}
function fromEulerDeg(d: [number, number, number]): [number, number, number, number] {
  const q = new Quaternion().setFromEuler(new Euler(MathUtils.degToRad(d[0]), MathUtils.degToRad(d[1]), MathUtils.degToRad(d[2])));
  return [q.x, q.y, q.z, q.w];
}

function PrefabSave({ count }: { count: number }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="world-prefab-save"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void saveSelectionAsPrefab(name.trim()).then((id) => {
          setBusy(false);
          if (id) setName('');
        });
      }}
    >
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Prefab name" aria-label="Prefab name" maxLength={200} />
      <button type="submit" className="btn btn-secondary" disabled={!name.trim() || busy}>
        {busy ? 'Saving…' : `Save ${count > 1 ? `${count} objects` : 'selection'} as prefab`}
      </button>
    </form>
  );
}

function EntityInspector({ entity }: { entity: Entity }) {
  const asset = useAsset(entity.assetId);
  const t = entity.transform;
  const p = entity.physics;
  const r = entity.render;
  const b = entity.behaviour;
  const id = entity.id;
  return (
    <div className="world-inspector" data-testid="world-inspector" data-entity-id={id}>
      <label className="world-num wide">
        <span>Name</span>
        <input
          defaultValue={entity.name}
          key={entity.name}
          aria-label="Name"
          maxLength={200}
          onBlur={(e) => e.target.value.trim() && e.target.value !== entity.name && edit('Rename', id, (x) => ({ ...x, name: e.target.value.trim() }))}
        />
      </label>
      <p className="muted">
        {entity.status === 'ready' ? 'Ready' : entity.status === 'draft' ? 'Generating (placeholder shown)' : `Generation failed: ${entity.lastError ?? 'unknown reason'}`}
        {entity.status === 'failed' && entity.jobId ? (
          <button type="button" className="link" onClick={() => void retryGeneration(id)}>
            Retry
          </button>
        ) : null}
      </p>

      <h3>Transform</h3>
      <Vec3Field label="position" value={t.position} onCommit={(v) => edit('Move', id, (x) => ({ ...x, transform: { ...x.transform, position: v } }))} />
      <Vec3Field label="rotation°" value={toEulerDeg(t.rotation)} onCommit={(v) => edit('Rotate', id, (x) => ({ ...x, transform: { ...x.transform, rotation: fromEulerDeg(v) } }))} />
      <Vec3Field label="scale" value={t.scale} min={0.001} max={1000} onCommit={(v) => edit('Scale', id, (x) => ({ ...x, transform: { ...x.transform, scale: v } }))} />

      <h3>Physics</h3>
      <div className="world-grid2">
        <label className="world-num">
          <span>body</span>
          <select value={p.bodyType} aria-label="Body type" onChange={(e) => edit('Body type', id, (x) => ({ ...x, physics: { ...x.physics, bodyType: e.target.value as BodyType } }))}>
            {BodyType.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <NumField label="mass (kg)" testId="world-mass" value={p.massKg} min={0} max={1_000_000} onCommit={(v) => edit('Mass', id, (x) => ({ ...x, physics: { ...x.physics, massKg: v } }))} />
        <NumField label="gravity scale" value={p.gravityScale} min={-10} max={10} onCommit={(v) => edit('Gravity scale', id, (x) => ({ ...x, physics: { ...x.physics, gravityScale: v } }))} />
        <NumField label="friction" value={p.friction} min={0} max={10} onCommit={(v) => edit('Friction', id, (x) => ({ ...x, physics: { ...x.physics, friction: v } }))} />
        <NumField label="restitution" value={p.restitution} min={0} max={1} onCommit={(v) => edit('Restitution', id, (x) => ({ ...x, physics: { ...x.physics, restitution: v } }))} />
      </div>

      <h3>Rendering</h3>
      <div className="world-grid2">
        <label className="world-num">
          <span>tint</span>
          <input type="color" value={r.tint ?? '#ffffff'} aria-label="Tint" onChange={(e) => edit('Tint', id, (x) => ({ ...x, render: { ...x.render, tint: e.target.value } }))} />
        </label>
        <button type="button" className="link" disabled={!r.tint} onClick={() => edit('Clear tint', id, (x) => ({ ...x, render: { ...x.render, tint: null } }))}>
          clear tint
        </button>
        <label className="world-check">
          <input type="checkbox" checked={r.castShadow} onChange={(e) => edit('Cast shadow', id, (x) => ({ ...x, render: { ...x.render, castShadow: e.target.checked } }))} /> casts shadow
        </label>
        <label className="world-check">
          <input type="checkbox" checked={r.receiveShadow} onChange={(e) => edit('Receive shadow', id, (x) => ({ ...x, render: { ...x.render, receiveShadow: e.target.checked } }))} /> receives shadow
        </label>
      </div>

      <h3>Behaviour</h3>
      <div className="world-grid2">
        {(['pickupable', 'throwable', 'breakable'] as const).map((k) => (
          <label className="world-check" key={k}>
            <input type="checkbox" checked={b[k]} aria-label={k} onChange={(e) => edit(`Behaviour: ${k}`, id, (x) => ({ ...x, behaviour: { ...x.behaviour, [k]: e.target.checked } }))} /> {k}
          </label>
        ))}
      </div>

      <h3>Provenance</h3>
      {asset.data ? (
        <dl className="world-provenance">
          <dt>asset</dt>
          <dd title={asset.data.id}>
            {asset.data.displayName} · v{asset.data.version} · {asset.data.source}
            {asset.data.draft ? ' · draft' : ''}
          </dd>
          <dt>prompt</dt>
          <dd>{asset.data.prompt || '—'}</dd>
          <dt>seed</dt>
          <dd>{asset.data.seed ?? '—'}</dd>
          <dt>made by</dt>
          <dd>
            {asset.data.providerTrace.map((s, i) => (
              <span key={i} className="world-trace">
                {s.step}: {s.provider}
                {s.model ? ` / ${s.model}` : ''}
                {s.version ? ` ${s.version}` : ''}
              </span>
            ))}
          </dd>
          <dt>triangles</dt>
          <dd>{asset.data.triangles ?? '—'}</dd>
          <dt>licence</dt>
          <dd>{asset.data.license.name}</dd>
        </dl>
      ) : (
        <p className="muted">{entity.assetId ? 'Loading the asset…' : 'Placeholder only: the asset is not ready yet.'}</p>
      )}
      {asset.data ? (
        <>
          <h3>Generation parameters</h3>
          <RecipePanel entity={entity} asset={asset.data} />
        </>
      ) : null}
    </div>
  );
}

export function InspectorPanel() {
  const selection = useWorldStore((s) => s.selection);
  const entities = useWorldStore((s) => s.entities);
  const tool = useWorldStore((s) => s.tool);
  const mode = useWorldStore((s) => s.mode);
  const primary = selection.length ? entities[selection[selection.length - 1]!] : undefined;
  return (
    <>
      {tool === 'sculpt' && mode === 'build' ? <BrushPanel /> : null}
      <section className="world-panel" aria-label="Inspector">
        <h2>Inspector</h2>
        {mode === 'play' ? <p className="muted">Playing: switch back to Build to edit.</p> : null}
        {mode === 'build' && !primary ? <p className="muted">Select an object in the view or the list (Shift adds to the selection).</p> : null}
        {mode === 'build' && primary ? (
          <>
            <div className="world-row">
              <button type="button" className="btn btn-secondary" onClick={duplicateSelection}>
                Duplicate
              </button>
              <button type="button" className="btn btn-secondary" onClick={deleteSelection}>
                Delete
              </button>
            </div>
            <PrefabSave count={selection.length} />
            {selection.length > 1 ? <p className="muted">{selection.length} objects selected; showing the last one.</p> : null}
            <EntityInspector key={primary.id} entity={primary} />
          </>
        ) : null}
      </section>
    </>
  );
}
