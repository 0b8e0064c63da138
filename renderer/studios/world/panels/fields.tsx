import { useEffect, useState } from 'react';
import { finiteOrError } from '../store/entity-ops.js';

/**
 * A number input that commits on Enter or blur. NaN, Infinity and empty text are refused right
 * there with the field named (the host would refuse them too), and the old value stays.
 */
export function NumField({ label, value, onCommit, min, max, step = 0.1, testId }: {
  label: string;
  value: number;
  onCommit(v: number): void;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
}) {
  const [text, setText] = useState(String(round(value)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(round(value)));
    setError(null);
  }, [value]);
  const commit = () => {
    const r = finiteOrError(label, text);
    if ('error' in r) return setError(r.error);
    if (min !== undefined && r.value < min) return setError(`${label} must be at least ${min}`);
    if (max !== undefined && r.value > max) return setError(`${label} must be at most ${max}`);
    setError(null);
    if (r.value !== value) onCommit(r.value);
  };
  return (
    <label className={`world-num ${error ? 'invalid' : ''}`}>
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        step={step}
        aria-label={label}
        aria-invalid={!!error}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(String(round(value)));
            setError(null);
          }
        }}
      />
      {error ? (
        <em className="world-field-error" role="alert" data-testid="world-field-error">
          {error}
        </em>
      ) : null}
    </label>
  );
}

export function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function Vec3Field({ label, value, onCommit, min, max }: { label: string; value: readonly number[]; onCommit(v: [number, number, number]): void; min?: number; max?: number }) {
  return (
    <fieldset className="world-vec3">
      <legend>{label}</legend>
      {(['x', 'y', 'z'] as const).map((axis, i) => (
        <NumField
          key={axis}
          label={`${label} ${axis}`}
          value={value[i] ?? 0}
          min={min}
          max={max}
          onCommit={(v) => {
            const next = [value[0] ?? 0, value[1] ?? 0, value[2] ?? 0] as [number, number, number];
            next[i] = v;
            onCommit(next);
          }}
        />
      ))}
    </fieldset>
  );
}
