import { useId } from 'react';
import type { SecretName, SecretState } from '../../../shared/schemas/provider-settings.js';

interface SecretInputProps {
  name: SecretName;
  label: string;
  state: SecretState;
  /** string: new key to send; null: clear on save; undefined: untouched. */
  draft: string | null | undefined;
  onChange(value: string | null | undefined): void;
  error?: string | undefined;
}

function statusText(state: SecretState, draft: string | null | undefined): { text: string; key: string } {
  if (state.source === 'env') return { text: `set by ${state.env}`, key: 'env' };
  if (draft === null) return { text: 'will be cleared when you save', key: 'clearing' };
  if (state.error) return { text: `saved, but unusable: ${state.error}`, key: 'error' };
  if (state.set) return { text: 'saved', key: 'saved' };
  return { text: 'not set', key: 'not-set' };
}

/**
 * An API key field. The host never sends a key back, so the field only ever shows whether one is
 * saved; typing replaces it on Save, Clear deletes it.
 */
export function SecretInput({ name, label, state, draft, onChange, error }: SecretInputProps) {
  const id = useId();
  const status = statusText(state, draft);
  const fromEnv = state.source === 'env';
  return (
    <div className="field secret-field" data-testid={`secret-${name}`} data-state={status.key}>
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={fromEnv || draft === null}
          value={typeof draft === 'string' ? draft : ''}
          placeholder={fromEnv ? `from ${state.env}` : state.set ? 'saved · type to replace' : 'paste your key'}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          aria-invalid={!!error}
          aria-describedby={`${id}-status`}
          data-testid={`secret-${name}-input`}
        />
        {draft === null ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange(undefined)}>
            Undo
          </button>
        ) : state.saved && !fromEnv ? (
          <button type="button" className="btn btn-ghost btn-small" data-testid={`secret-${name}-clear`} onClick={() => onChange(null)}>
            Clear
          </button>
        ) : null}
      </div>
      <p id={`${id}-status`} className={error ? 'field-error' : 'field-note'}>
        <span className="secret-status" data-testid={`secret-${name}-status`}>
          {error ?? status.text}
        </span>
      </p>
    </div>
  );
}
