import type { ConfigurationRow, DoctorProviderRow } from '../../../shared/schemas/provider-status.js';
import { Capability, type ProviderId } from '../../../shared/schemas/providers.js';
import type { EffectiveProviders } from './provider-settings.js';
import type { ProviderTable } from './provider-status.js';
import { FIELDS, PROVIDER_INPUTS, SECRETS } from './setting-fields.js';

/** "env OLLAMA_HOST", "settings", "default", "embedded": where a provider's configuration came from. */
function providerSource(id: ProviderId, embedded: boolean, eff: EffectiveProviders): string {
  const inputs = PROVIDER_INPUTS[id];
  const parts: string[] = [];
  for (const key of inputs?.fields ?? []) {
    const f = eff.fields[key];
    parts.push(f.source === 'env' ? `env ${f.env}` : f.source);
  }
  if (inputs?.secret) {
    const s = eff.secrets[inputs.secret];
    parts.push(s.set ? (s.source === 'env' ? `key: env ${s.env}` : 'key: settings') : 'key: not set');
  }
  if (!parts.length) return embedded ? 'embedded' : 'default';
  return [...new Set(parts)].join(', ');
}

/** The provider table of `auteur doctor` and GET /system/doctor: one row per capability × provider. */
export function doctorProviderRows(table: ProviderTable): DoctorProviderRow[] {
  return table.capabilities.flatMap((c): DoctorProviderRow[] =>
    !c.providers.length
      ? [{ capability: c.capability, provider: null, label: c.label, state: 'unreachable', inUse: false, model: null, why: c.why, version: null, source: '', detail: c.why }]
      : c.providers.map((p) => ({
          capability: c.capability,
          provider: p.id,
          label: p.label,
          state: p.state,
          inUse: c.inUse === p.id,
          model: c.inUse === p.id ? c.model : null,
          why: c.why,
          version: p.version,
          source: providerSource(p.id, p.embedded, table.effective),
          // The row in use says why (auto / chosen, and which model); the others what they are.
          detail: c.inUse === p.id ? `${c.why} — ${p.detail}` : p.detail,
        })),
  );
}

/**
 * Every effective setting with its origin. Secrets appear only as "set (env ANTHROPIC_API_KEY)",
 * "set (settings, encrypted)" or "not set" — never their value.
 */
export function configurationRows(eff: EffectiveProviders): ConfigurationRow[] {
  const rows: ConfigurationRow[] = FIELDS.map(({ key }) => {
    const f = eff.fields[key];
    return { key, value: f.value ?? '(none)', source: f.source, env: f.env, secret: false };
  });
  for (const { name, path } of SECRETS) {
    const s = eff.secrets[name];
    const value = s.set
      ? `set (${s.source === 'env' ? `env ${s.env}` : 'settings, encrypted'})`
      : s.error
        ? `saved but unusable: ${s.error}`
        : 'not set';
    rows.push({ key: path, value, source: s.source, env: s.env, secret: true });
  }
  for (const cap of Capability.options) {
    rows.push({ key: `choice.${cap}`, value: eff.choice[cap].value, source: eff.choice[cap].source, env: null, secret: false });
  }
  return rows;
}
