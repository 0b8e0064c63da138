/** Heat as a flame-coloured bar: log-scaled, so a few similar desires already glow. */
export function HeatMeter({ heat, size }: { heat: number; size: number }) {
  const level = Math.min(1, heat / 1.6);
  return (
    <div className="heat" title={`Heat ${heat.toFixed(2)} — ${size} similar desire${size === 1 ? '' : 's'}`} data-testid="desire-heat">
      <div className="heat-bar" aria-hidden="true">
        <span style={{ height: `${Math.max(6, level * 100)}%` }} />
      </div>
      <span className="heat-value mono">{heat.toFixed(2)}</span>
      <span className="heat-size small muted">×{size}</span>
    </div>
  );
}
