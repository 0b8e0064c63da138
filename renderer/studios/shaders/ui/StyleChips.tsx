import type { StyleMetadata } from '../../../../shared/schemas/shaders.js';

function Meter({ value }: { value: number }) {
  return (
    <span className="chip-meter" aria-hidden="true">
      <span style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
    </span>
  );
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Chaos, colour temperature and motion (plus palette) as the card's human-readable style (seed §8). */
export function StyleChips({ style, compact = false }: { style: StyleMetadata | null; compact?: boolean }) {
  if (!style) return <span className="chip" title="Style is measured when the shader renders">style pending</span>;
  return (
    <div className="chips style-chips" data-testid="style-chips">
      <span className="chip" title={`Chaos ${pct(style.chaos)}`} data-style="chaos">
        chaos <Meter value={style.chaos} />
      </span>
      <span
        className="chip"
        data-tone={style.temperatureLabel}
        data-style="temperature"
        title={`Colour temperature ${style.colorTemperature.toFixed(2)} (−1 cool … +1 warm)`}
      >
        {style.temperatureLabel}
      </span>
      <span className="chip" data-style="motion" title={`Motion ${pct(style.motion)}`}>
        {style.motionType} <Meter value={style.motion} />
      </span>
      {!compact && style.geometry ? (
        <span className="chip" data-style="geometry">
          {style.geometry.replace(/_/g, ' ')}
        </span>
      ) : null}
      {!compact && style.palette.length > 0 ? (
        <span className="chip palette-chip" title={`Palette ${style.palette.join(' ')}`} data-style="palette">
          {style.palette.map((c) => (
            <span key={c} className="swatch" style={{ background: c }} />
          ))}
        </span>
      ) : null}
    </div>
  );
}
