import { useId } from 'react';
import type { SettingKey, SettingState } from '../../../shared/schemas/provider-settings.js';

interface SettingInputProps {
  k: SettingKey;
  label: string;
  state: SettingState;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  /** Suggestions (datalist), or the only choices when `strict`. */
  options?: string[];
  strict?: boolean;
  type?: 'text' | 'url';
  hint?: string;
}

/**
 * One setting. A value set by an environment variable is shown read-only with the variable's
 * name: env overrides Settings, so editing it here would change nothing.
 */
export function SettingInput({ k, label, state, value, onChange, error, options = [], strict = false, type = 'text', hint }: SettingInputProps) {
  const id = useId();
  const listId = `${id}-list`;
  const fromEnv = state.source === 'env';
  const placeholder = state.default ? `default: ${state.default}` : 'not set';
  const describedBy = `${id}-note`;
  let control;
  if (fromEnv) {
    control = <input id={id} className="input" type="text" value={state.value ?? ''} readOnly aria-readonly="true" aria-describedby={describedBy} data-testid={`setting-${k}`} />;
  } else if (strict && options.length) {
    const all = value && !options.includes(value) ? [value, ...options] : options;
    control = (
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={describedBy} data-testid={`setting-${k}`}>
        <option value="">{state.default ? `default (${state.default})` : '— not set —'}</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <>
        <input
          id={id}
          className="input"
          type={type}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          list={options.length ? listId : undefined}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          data-testid={`setting-${k}`}
        />
        {options.length ? (
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        ) : null}
      </>
    );
  }
  return (
    <div className="field" data-source={state.source}>
      <label htmlFor={id}>{label}</label>
      {control}
      <p id={describedBy} className={error ? 'field-error' : 'field-note'}>
        {error ?? (fromEnv ? `set by ${state.env} (environment overrides Settings)` : hint ?? (state.source === 'settings' ? 'saved in Settings' : ''))}
      </p>
    </div>
  );
}
