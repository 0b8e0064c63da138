import { useEffect, useState, type FormEvent } from 'react';
import type { ProviderSettingsView } from '../../../shared/schemas/provider-settings.js';
import type { ProvidersResponse } from '../../../shared/schemas/provider-status.js';
import type { Capability, ProviderChoice } from '../../../shared/schemas/providers.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { buildUpdate, draftFromView, fieldErrors, isDirty, type Draft } from './form-state.js';
import { useSaveProviderSettings } from './hooks.js';
import { OllamaPull } from './OllamaPull.js';
import { SecretInput } from './SecretInput.js';
import { GROUPS, type FieldDef } from './setting-groups.js';
import { SettingInput } from './SettingInput.js';

function suggestions(def: FieldDef, table: ProvidersResponse | undefined): { options: string[]; strict: boolean } {
  if (!def.suggest) return { options: [], strict: false };
  if ('fixed' in def.suggest) return { options: def.suggest.fixed, strict: false };
  const { from, list, strict = false } = def.suggest;
  const row = table?.capabilities.flatMap((c) => c.providers).find((p) => p.id === from);
  return { options: row ? row[list] : [], strict };
}

/** Everything the user can configure, validated by the host on Save; errors land beside their field. */
export function ProviderSettingsForm({ view, table }: { view: ProviderSettingsView; table: ProvidersResponse | undefined }) {
  const [draft, setDraft] = useState<Draft>(() => draftFromView(view));
  const save = useSaveProviderSettings();
  // A saved view (ours or after a refetch) becomes the new baseline; typed keys are dropped.
  useEffect(() => setDraft(draftFromView(view)), [view]);

  // Fields edited since the last failed save no longer show that save's error.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const allErrors = fieldErrors(save.error);
  const errors = Object.fromEntries(Object.entries(allErrors).filter(([k]) => !edited.has(k)));
  const dirty = isDirty(draft, view);
  const touch = (key: string) => setEdited((s) => (s.has(key) ? s : new Set(s).add(key)));
  const setField = (key: keyof Draft['fields'], value: string) => {
    touch(key);
    setDraft((d) => ({ ...d, fields: { ...d.fields, [key]: value } }));
  };
  const setChoice = (cap: Capability, value: ProviderChoice) => {
    touch(`choice.${cap}`);
    setDraft((d) => ({ ...d, choice: { ...d.choice, [cap]: value } }));
  };
  const setSecret = (name: keyof Draft['secrets'], value: string | null | undefined) => {
    touch(`secrets.${name}`);
    setDraft((d) => {
      const secrets = { ...d.secrets };
      if (value === undefined) delete secrets[name];
      else secrets[name] = value;
      return { ...d, secrets };
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setEdited(new Set());
    save.mutate(buildUpdate(draft, view));
  };

  return (
    <form className="provider-form" data-testid="provider-settings-form" onSubmit={onSubmit} noValidate>
      <fieldset className="provider-group">
        <legend>Which provider each capability uses</legend>
        <div className="field-grid">
          {table?.capabilities.map((c) => (
            <div className="field" key={c.capability}>
              <label htmlFor={`choice-${c.capability}`}>{c.label}</label>
              <select
                id={`choice-${c.capability}`}
                className="input"
                value={draft.choice[c.capability]}
                onChange={(e) => setChoice(c.capability, e.target.value as ProviderChoice)}
                data-testid={`choice-${c.capability}`}
              >
                <option value="auto">auto (first reachable)</option>
                {c.providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
              {errors[`choice.${c.capability}`] ? <p className="field-error">{errors[`choice.${c.capability}`]}</p> : null}
            </div>
          ))}
        </div>
      </fieldset>

      {GROUPS.map((g) => (
        <fieldset className="provider-group" key={g.id} data-testid={`provider-group-${g.id}`}>
          <legend>{g.title}</legend>
          <div className="field-grid">
            {g.fields.map((f) => {
              const s = suggestions(f, table);
              return (
                <SettingInput
                  key={f.key}
                  k={f.key}
                  label={f.label}
                  state={view.fields[f.key]}
                  value={draft.fields[f.key]}
                  onChange={(v) => setField(f.key, v)}
                  error={errors[f.key]}
                  options={s.options}
                  strict={s.strict}
                  type={f.type}
                  hint={f.hint}
                />
              );
            })}
            {g.secret ? (
              <SecretInput
                name={g.secret.name}
                label={g.secret.label}
                state={view.secrets[g.secret.name]}
                draft={draft.secrets[g.secret.name]}
                onChange={(v) => setSecret(g.secret!.name, v)}
                error={errors[`secrets.${g.secret.name}`]}
              />
            ) : null}
          </div>
          {g.pull ? <OllamaPull url={view.fields['ollama.url'].value} /> : null}
        </fieldset>
      ))}

      {save.error && !Object.keys(allErrors).length ? <ErrorBanner title="Settings were not saved" error={save.error} /> : null}
      {save.error && Object.keys(errors).length ? (
        <p className="field-error" role="alert">
          Settings were not saved: fix the fields marked above.
        </p>
      ) : null}
      <div className="provider-form-actions">
        <span className="muted small">Keys are encrypted at rest ({view.encryption.detail}) and never shown again.</span>
        {save.isSuccess && !dirty ? (
          <span className="result-ok small" role="status" data-testid="provider-settings-saved">
            Saved
          </span>
        ) : null}
        <button type="button" className="btn btn-ghost" disabled={!dirty || save.isPending} onClick={() => setDraft(draftFromView(view))}>
          Discard
        </button>
        <button type="submit" className="btn btn-cta" disabled={!dirty || save.isPending} data-testid="provider-settings-save">
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
