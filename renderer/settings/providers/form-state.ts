import type { ProviderSettingsUpdate, ProviderSettingsView, SecretName, SettingKey } from '../../../shared/schemas/provider-settings.js';
import type { Capability, ProviderChoice } from '../../../shared/schemas/providers.js';
import { ApiRequestError } from '../../api/errors.js';

/**
 * The form's editable copy of the saved settings. Secrets are write-only: a string typed here
 * is sent once, null asks the host to clear the saved key, absent leaves it as it is.
 */
export interface Draft {
  fields: Record<SettingKey, string>;
  choice: Record<Capability, ProviderChoice>;
  secrets: Partial<Record<SecretName, string | null>>;
}

export function draftFromView(view: ProviderSettingsView): Draft {
  const fields = {} as Record<SettingKey, string>;
  for (const [key, f] of Object.entries(view.fields) as [SettingKey, ProviderSettingsView['fields'][SettingKey]][]) fields[key] = f.saved ?? '';
  const choice = {} as Record<Capability, ProviderChoice>;
  for (const [cap, c] of Object.entries(view.choice) as [Capability, ProviderSettingsView['choice'][Capability]][]) choice[cap] = c.value;
  return { fields, choice, secrets: {} };
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
}

/** Only what changed against the saved view; an emptied field is sent as null (back to its default). */
export function buildUpdate(draft: Draft, view: ProviderSettingsView): ProviderSettingsUpdate {
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.fields) as [SettingKey, string][]) {
    const f = view.fields[key];
    if (f.source === 'env') continue; // read-only here: the environment decides
    const next = value.trim();
    if (next !== (f.saved ?? '')) setPath(update, key, next === '' ? null : next);
  }
  const choice: Partial<Record<Capability, ProviderChoice | null>> = {};
  for (const [cap, c] of Object.entries(draft.choice) as [Capability, ProviderChoice][]) {
    if (c !== view.choice[cap].value) choice[cap] = c === 'auto' ? null : c;
  }
  if (Object.keys(choice).length) update.choice = choice;
  const secrets = Object.fromEntries(Object.entries(draft.secrets).filter(([, v]) => v === null || (typeof v === 'string' && v.trim() !== '')));
  if (Object.keys(secrets).length) update.secrets = secrets;
  return update as ProviderSettingsUpdate;
}

export function isDirty(draft: Draft, view: ProviderSettingsView): boolean {
  return Object.keys(buildUpdate(draft, view)).length > 0;
}

/** Validation errors from the host, keyed by field path ("ollama.url", "secrets.anthropic"). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiRequestError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.details as { path?: unknown[]; message?: string }[]) {
    if (!Array.isArray(issue.path) || !issue.message) continue;
    const key = issue.path.map(String).join('.');
    out[key] ??= issue.message;
  }
  return out;
}
