import { BRUSH_TOOLS, SPLAT_LAYERS, type BrushTool, type SplatLayer } from '../../../../shared/world/terrain.js';
import { useWorldStore } from '../store/world-store.js';

/** Terrain brush: raise / lower / smooth / flatten / noise / terrace, or paint a splat layer. Drag on the ground. */
export function BrushPanel() {
  const brush = useWorldStore((s) => s.brush);
  const setBrush = useWorldStore((s) => s.setBrush);
  return (
    <section className="world-panel" aria-label="Terrain brush">
      <h2>Terrain brush</h2>
      <div className="world-brush-tools" role="group" aria-label="Brush">
        {BRUSH_TOOLS.map((t) => (
          <button key={t} type="button" className={brush.tool === t ? 'active' : ''} aria-pressed={brush.tool === t} onClick={() => setBrush({ tool: t as BrushTool })}>
            {t}
          </button>
        ))}
      </div>
      {brush.tool === 'paint' ? (
        <label className="world-inline">
          Layer
          <select value={brush.layer} onChange={(e) => setBrush({ layer: e.target.value as SplatLayer })} aria-label="Paint layer">
            {SPLAT_LAYERS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="world-inline">
        Radius {brush.radius} m
        <input type="range" min={1} max={24} step={1} value={brush.radius} onChange={(e) => setBrush({ radius: Number(e.target.value) })} aria-label="Brush radius" />
      </label>
      <label className="world-inline">
        Strength {brush.strength.toFixed(2)}
        <input type="range" min={0.05} max={1} step={0.05} value={brush.strength} onChange={(e) => setBrush({ strength: Number(e.target.value) })} aria-label="Brush strength" />
      </label>
      <p className="muted">Drag on the ground to apply; each stroke is one undo step.</p>
    </section>
  );
}
