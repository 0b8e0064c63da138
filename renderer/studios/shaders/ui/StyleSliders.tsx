import './style-sliders.css';

/** The three style knobs of seed §4a/§8: what desires and generation ask for. */
export interface StyleKnobs {
  /** 0 calm … 1 chaotic */
  chaos: number;
  /** -1 cool … +1 warm */
  colorTemperature: number;
  /** 0 still … 1 restless */
  motion: number;
}

export const DEFAULT_KNOBS: StyleKnobs = { chaos: 0.5, colorTemperature: 0, motion: 0.5 };

function describe(key: keyof StyleKnobs, v: number): string {
  if (key === 'colorTemperature') return v < -0.33 ? 'cool' : v > 0.33 ? 'warm' : 'neutral';
  const words = key === 'chaos' ? ['calm', 'balanced', 'chaotic'] : ['still', 'flowing', 'restless'];
  return words[v < 0.34 ? 0 : v < 0.67 ? 1 : 2] as string;
}

const SLIDERS: Array<{ key: keyof StyleKnobs; label: string; min: number; max: number; ends: [string, string] }> = [
  { key: 'chaos', label: 'Chaos', min: 0, max: 1, ends: ['calm', 'chaotic'] },
  { key: 'colorTemperature', label: 'Colour temperature', min: -1, max: 1, ends: ['cool', 'warm'] },
  { key: 'motion', label: 'Motion', min: 0, max: 1, ends: ['still', 'restless'] },
];

interface Props {
  value: StyleKnobs;
  onChange(next: StyleKnobs): void;
  disabled?: boolean;
  idPrefix: string;
}

export function StyleSliders({ value, onChange, disabled, idPrefix }: Props) {
  return (
    <div className="style-sliders">
      {SLIDERS.map((s) => {
        const id = `${idPrefix}-${s.key}`;
        const v = value[s.key];
        return (
          <div key={s.key} className="style-slider" data-knob={s.key}>
            <div className="style-slider-head">
              <label htmlFor={id}>{s.label}</label>
              <output htmlFor={id} className="style-slider-value">
                {describe(s.key, v)} <span className="mono">{v.toFixed(2)}</span>
              </output>
            </div>
            <input
              id={id}
              type="range"
              min={s.min}
              max={s.max}
              step={0.01}
              value={v}
              disabled={disabled}
              data-testid={`style-${s.key}`}
              onChange={(e) => onChange({ ...value, [s.key]: Number(e.target.value) })}
            />
            <div className="style-slider-ends" aria-hidden="true">
              <span>{s.ends[0]}</span>
              <span>{s.ends[1]}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
