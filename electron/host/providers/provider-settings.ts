import {
  SecretName,
  SettingKey,
  type ProviderSettings,
  type ProviderSettingsUpdate,
  type ProviderSettingsView,
  type SecretState,
  type SettingState,
} from '../../../shared/schemas/provider-settings.js';
import { CAPABILITY_LABELS } from '../../../shared/schemas/provider-status.js';
import { Capability, WorkerProviderConfig, type ProviderChoice, type ProviderId, type SettingSource } from '../../../shared/schemas/providers.js';
import { providersFor } from '../../../worker/providers/registry.js';
import { AppError, badRequest } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SecretCodec } from './secret-codec.js';
import { FIELDS, SECRETS, getPath, savedValue, setPath } from './setting-fields.js';
import { openSecret, type SettingsStore, type StoredSecret } from './settings-store.js';

export interface EffectiveProviders {
  /** What a job's worker receives: defaults ← saved settings ← env, secrets decrypted. */
  config: WorkerProviderConfig;
  fields: Record<SettingKey, SettingState>;
  secrets: Record<SecretName, SecretState>;
  choice: Record<Capability, { value: ProviderChoice; source: SettingSource }>;
  /** Saved data that could not be used (invalid row, undecryptable key), already phrased for people. */
  problems: string[];
}

export type SecretValues = Map<SecretName, { value: string } | { error: string }>;

/** Precedence in one place: defaults ← saved settings ← env (env wins). Pure, so it is unit-tested directly. */
export function resolveEffective(saved: ProviderSettings, secrets: SecretValues, env: NodeJS.ProcessEnv): EffectiveProviders {
  const defaults = WorkerProviderConfig.parse({});
  const config = structuredClone(defaults) as unknown as Record<string, unknown>;
  const problems: string[] = [];

  const fields = {} as Record<SettingKey, SettingState>;
  for (const spec of FIELDS) {
    const def = (getPath(defaults, spec.key) as string | null | undefined) ?? null;
    const stored = savedValue(saved, spec.key);
    const fromEnv = spec.env?.(env);
    const value = fromEnv?.value ?? stored ?? def;
    setPath(config, spec.key, value);
    fields[spec.key] = { value, saved: stored, default: def, source: fromEnv ? 'env' : stored !== null ? 'settings' : 'default', env: fromEnv?.variable ?? null };
  }

  const secretStates = {} as Record<SecretName, SecretState>;
  for (const spec of SECRETS) {
    const fromEnv = spec.env(env);
    const stored = secrets.get(spec.name);
    const error = stored && 'error' in stored ? stored.error : null;
    if (error && !fromEnv) problems.push(`${spec.name} key: ${error}`);
    const value = fromEnv?.value ?? (stored && 'value' in stored ? stored.value : null);
    setPath(config, spec.path, value);
    secretStates[spec.name] = {
      set: value !== null,
      source: fromEnv ? 'env' : value !== null ? 'settings' : 'default',
      env: fromEnv?.variable ?? null,
      saved: stored !== undefined,
      error: fromEnv ? null : error,
    };
  }

  const choice = {} as EffectiveProviders['choice'];
  const savedChoice: Partial<Record<Capability, ProviderChoice>> = {};
  for (const cap of Capability.options) {
    const c = saved.choice?.[cap];
    choice[cap] = c && c !== 'auto' ? { value: c, source: 'settings' } : { value: 'auto', source: 'default' };
    if (c && c !== 'auto') savedChoice[cap] = c;
  }
  config.choice = savedChoice;
  return { config: WorkerProviderConfig.parse(config), fields, secrets: secretStates, choice, problems };
}

/** The update applied to saved settings: undefined leaves a field alone, null clears it. */
export function mergeSettings(current: ProviderSettings, patch: ProviderSettingsUpdate): ProviderSettings {
  const next = structuredClone(current) as Record<string, unknown>;
  for (const key of SettingKey.options) {
    const v = getPath(patch, key);
    if (v === undefined) continue;
    setPath(next, key, v === null ? undefined : v);
  }
  const choice: Partial<Record<Capability, ProviderChoice>> = { ...(current.choice ?? {}) };
  for (const [cap, c] of Object.entries(patch.choice ?? {}) as [Capability, ProviderChoice | null | undefined][]) {
    if (c === undefined) continue;
    if (c === null || c === 'auto') delete choice[cap];
    else choice[cap] = c;
  }
  next.choice = choice;
  return next as ProviderSettings;
}

/** A choice must name a provider this build has for that capability; the message lists what is there. */
function checkChoices(patch: ProviderSettingsUpdate, offeredFor: (cap: Capability) => ProviderId[]): void {
  for (const [cap, c] of Object.entries(patch.choice ?? {}) as [Capability, ProviderChoice | null | undefined][]) {
    if (!c || c === 'auto') continue;
    const offered = offeredFor(cap);
    if (!offered.includes(c)) {
      throw badRequest(`Invalid request body: choice.${cap}: "${c}" does not provide ${CAPABILITY_LABELS[cap]} in this build (choose auto${offered.length ? ` or one of ${offered.join(', ')}` : ''})`);
    }
  }
}

export interface ProviderSettingsOptions {
  store: SettingsStore;
  /** Encrypts new keys. */
  codec: SecretCodec;
  /** Also tried when reading (the desktop app reads key-file secrets a headless host saved). */
  readers?: SecretCodec[];
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Providers a capability may be set to (default: the registry's modules). */
  offered?: (cap: Capability) => ProviderId[];
}

/**
 * Saved provider settings + encrypted keys → the effective config every job's worker gets.
 * The effective config is cached and rebuilt after each save, so jobs see a change at once.
 */
export class ProviderSettingsService {
  private cached: Promise<EffectiveProviders> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: ProviderSettingsOptions) {
    this.env = opts.env ?? process.env;
  }

  get codec(): SecretCodec {
    return this.opts.codec;
  }

  effective(): Promise<EffectiveProviders> {
    if (!this.cached) {
      const pending = this.compute();
      this.cached = pending;
      // A failed computation is not cached, so the next caller tries again.
      pending.catch(() => {
        if (this.cached === pending) this.cached = null;
      });
    }
    return this.cached;
  }

  async effectiveConfig(): Promise<WorkerProviderConfig> {
    return (await this.effective()).config;
  }

  async view(): Promise<ProviderSettingsView> {
    const eff = await this.effective();
    return {
      fields: eff.fields,
      secrets: eff.secrets,
      choice: eff.choice,
      encryption: { kind: this.opts.codec.kind, detail: this.opts.codec.describe() },
    };
  }

  async update(patch: ProviderSettingsUpdate): Promise<ProviderSettingsView> {
    checkChoices(patch, this.opts.offered ?? ((cap) => providersFor(cap).map((p) => p.id)));
    // Encrypt before the transaction: safeStorage is async, the SQLite transaction is not.
    const secrets = new Map<SecretName, StoredSecret | null>();
    for (const [name, value] of Object.entries(patch.secrets ?? {}) as [SecretName, string | null | undefined][]) {
      if (value === undefined) continue;
      if (value === null) {
        secrets.set(name, null);
        continue;
      }
      try {
        secrets.set(name, { codec: this.opts.codec.kind, cipher: await this.opts.codec.encrypt(value) });
      } catch (err) {
        throw new AppError(500, 'encryption_failed', `The ${name} key was not saved: ${(err as Error).message}`);
      }
    }
    this.opts.store.write((current) => mergeSettings(current, patch), secrets);
    this.invalidate();
    // Names only: values (and above all keys) never reach the log.
    const changed = [
      ...SettingKey.options.filter((k) => getPath(patch, k) !== undefined),
      ...Object.keys(patch.choice ?? {}).map((c) => `choice.${c}`),
      ...[...secrets].map(([n, v]) => `${n} key ${v ? 'saved' : 'cleared'}`),
    ];
    this.opts.logger?.info(`provider settings saved: ${changed.join(', ') || 'no changes'}`);
    return this.view();
  }

  /** Called after a save (and by tests); listeners drop caches built on the old settings. */
  invalidate(): void {
    this.cached = null;
    for (const fn of this.listeners) fn();
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private async compute(): Promise<EffectiveProviders> {
    const { settings, problem } = this.opts.store.readSettings();
    const readers = [this.opts.codec, ...(this.opts.readers ?? [])];
    const values: SecretValues = new Map();
    for (const [name, stored] of this.opts.store.readSecrets()) values.set(name, await openSecret(stored, readers));
    const eff = resolveEffective(settings, values, this.env);
    if (problem) eff.problems.unshift(problem);
    for (const p of eff.problems) this.opts.logger?.warn(`provider settings: ${p}`);
    return eff;
  }
}
