import {
  CAPABILITY_LABELS,
  type CapabilityProviders,
  type ProviderState,
  type ProviderStatusRow,
  type ProvidersResponse,
  type ProviderTestResponse,
} from '../../../shared/schemas/provider-status.js';
import { Capability, type ProviderChoice, type ProviderId, type WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { selectLlm, type LlmCapability } from '../../../worker/providers/llm/select.js';
import { PROVIDERS } from '../../../worker/providers/registry.js';
import type { ProviderModule, ProviderStatusReport } from '../../../worker/providers/types.js';
import { AppError } from '../errors.js';
import type { EffectiveProviders, ProviderSettingsService } from './provider-settings.js';
import { PROVIDER_INPUTS } from './setting-fields.js';

const STATUS_TIMEOUT_MS = 3000;
/** Embedded modules start local binaries (chromium --version): seconds on a loaded machine, and not a network wait. */
const EMBEDDED_STATUS_TIMEOUT_MS = 8000;
const TEST_TIMEOUT_MS = 45_000;
const CACHE_MS = 5000;

class Timeout extends Error {}

/** Runs `fn` with a signal that aborts after `ms`, and gives up waiting even if `fn` ignores the signal. */
async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort(new Timeout());
      reject(new Timeout());
    }, ms);
  });
  try {
    return await Promise.race([fn(ac.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every key in the effective config, so no provider message can echo one back to the UI or a log. */
function secretValues(config: WorkerProviderConfig): string[] {
  return [config.openaiCompatible.apiKey, config.anthropic.apiKey, config.openai.apiKey, config.elevenlabs.apiKey, config.gemini.apiKey, config.meshy.apiKey].filter(
    (k): k is string => typeof k === 'string' && k.length >= 4,
  );
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('••••');
  return out;
}

/** A real provider that needs a key or URL the settings do not have yet. */
function missingInput(id: ProviderId, eff: EffectiveProviders): boolean {
  const inputs = PROVIDER_INPUTS[id];
  if (inputs?.secret && id !== 'openai-compatible' && !eff.secrets[inputs.secret].set) return true;
  if (id === 'openai-compatible' && !eff.config.openaiCompatible.url) return true;
  return false;
}

function stateOf(mod: ProviderModule, report: ProviderStatusReport, eff: EffectiveProviders): ProviderState {
  if (report.reachable) return mod.embedded ? 'embedded' : 'reachable';
  return !mod.embedded && missingInput(mod.id, eff) ? 'not_configured' : 'unreachable';
}

/** "(URL set by OLLAMA_HOST)", "(key from Settings)": where the provider in use got its configuration. */
export function configNote(id: ProviderId, eff: EffectiveProviders): string {
  const inputs = PROVIDER_INPUTS[id];
  if (!inputs) return '';
  const field = inputs.fields[0] ? eff.fields[inputs.fields[0]] : undefined;
  const secret = inputs.secret ? eff.secrets[inputs.secret] : undefined;
  const origin = secret?.set && inputs.what === 'key' ? { what: 'key', s: secret } : field ? { what: inputs.what, s: field } : undefined;
  if (!origin || origin.s.source === 'default') return '';
  return origin.s.source === 'env' ? ` (${origin.what} set by ${origin.s.env})` : ` (${origin.what} from Settings)`;
}

const usable = (r: ProviderStatusRow) => r.state === 'reachable' || r.state === 'embedded';

function resolveInUse(cap: Capability, rows: ProviderStatusRow[], eff: EffectiveProviders): Pick<CapabilityProviders, 'inUse' | 'why'> {
  const choice = eff.choice[cap].value;
  if (choice !== 'auto') {
    const row = rows.find((r) => r.id === choice);
    if (!row) return { inUse: null, why: `chosen in Settings: ${choice}, but this build has no ${choice} provider for ${CAPABILITY_LABELS[cap]}` };
    if (usable(row)) return { inUse: choice, why: `chosen in Settings${configNote(choice, eff)}` };
    return { inUse: choice, why: `chosen in Settings, but ${row.label} is ${row.state.replace('_', ' ')}: ${row.detail} — jobs will fail until it is fixed or the choice is auto` };
  }
  const first = rows.find(usable);
  if (!first) {
    return { inUse: null, why: rows.length ? 'auto: nothing reachable — configure a provider below' : 'auto: no provider for this capability in this build' };
  }
  if (!first.embedded) return { inUse: first.id, why: `auto: first reachable${configNote(first.id, eff)}` };
  const realOnes = rows.some((r) => !r.embedded);
  return { inUse: first.id, why: realOnes ? 'auto: no real provider reachable, so the embedded default' : 'auto: the embedded default' };
}

/**
 * Which provider and model a job of an LLM capability would get: the worker's own selection
 * (selectLlm), so a provider counts as in use only when it has a model for the capability (an
 * Ollama with only a coder model pulled is not in use for vision or embeddings). `notes` gets
 * the selection's log lines (what was skipped and why).
 */
export type ModelResolver = (
  capability: LlmCapability,
  config: WorkerProviderConfig,
  choice: ProviderChoice,
  signal: AbortSignal,
  notes: (line: string) => void,
) => Promise<{ provider: ProviderId; model: string } | null>;

export const selectLlmModel: ModelResolver = async (capability, config, choice, signal, notes) => {
  const client = await selectLlm(config, { capability, choice, signal, probeTimeoutMs: 1500, log: (_level, message) => notes(message) });
  return client ? { provider: client.provider, model: client.model } : null;
};

const LLM_CAPABILITIES: ReadonlySet<Capability> = new Set(['llm', 'vision', 'embeddings']);
const RESOLVE_TIMEOUT_MS = 6000;

/** The model of a non-LLM capability, from the provider's settings (null where it has no model choice). */
function configuredModel(id: ProviderId | null, config: WorkerProviderConfig): string | null {
  if (id === 'elevenlabs') return config.elevenlabs.model;
  if (id === 'whisper') return config.whisper.model;
  return null;
}

type InUse = Pick<CapabilityProviders, 'inUse' | 'why' | 'model'>;

/** In use for an LLM capability: the provider and model the worker would select now. */
async function resolveLlmInUse(cap: LlmCapability, rows: ProviderStatusRow[], eff: EffectiveProviders, resolve: ModelResolver): Promise<InUse> {
  const choice = eff.choice[cap].value;
  const embedded = rows.find((r) => r.embedded) ?? null;
  if (choice !== 'auto' && rows.find((r) => r.id === choice)?.embedded) return { ...resolveInUse(cap, rows, eff), model: null };
  const notes: string[] = [];
  let picked: { provider: ProviderId; model: string } | null;
  try {
    picked = await withTimeout((signal) => resolve(cap, eff.config, choice, signal, (l) => notes.push(l)), RESOLVE_TIMEOUT_MS);
  } catch (err) {
    const why = err instanceof Timeout ? `no answer within ${RESOLVE_TIMEOUT_MS / 1000} s` : (err as Error).message;
    if (choice !== 'auto') return { inUse: choice, model: null, why: `chosen in Settings, but it has no usable ${CAPABILITY_LABELS[cap]} model: ${why} — jobs will fail until it is fixed or the choice is auto` };
    picked = null;
    notes.push(why);
  }
  const what = `a model for ${CAPABILITY_LABELS[cap]}`;
  if (picked) {
    const how = choice === 'auto' ? `auto: first with ${what}` : 'chosen in Settings';
    return { inUse: picked.provider, model: picked.model, why: `${how}, model ${picked.model}${configNote(picked.provider, eff)}` };
  }
  const skipped = reachableSkips(notes, rows);
  const because = skipped ? ` (${skipped})` : '';
  if (!embedded) return { inUse: null, model: null, why: `auto: no provider has ${what}${because}` };
  return { inUse: embedded.id, model: null, why: `auto: no real provider has ${what}, so the embedded default${because}` };
}

/**
 * From the selection's "skipped a: … | b: …" note, the reasons of providers that answered (e.g.
 * "Ollama … has no embeddings model pulled — run `ollama pull …`"): the ones a user can act on now.
 */
function reachableSkips(notes: string[], rows: ProviderStatusRow[]): string {
  const last = notes[notes.length - 1] ?? '';
  const reachable = new Set(rows.filter((r) => r.state === 'reachable').map((r) => r.id as string));
  return last
    .split(/ \| |(?<=\.) (?=[a-z-]+: )/)
    .map((part) => /^([a-z-]+): (.*)$/s.exec(part.trim()))
    .filter((m): m is RegExpExecArray => !!m && reachable.has(m[1]!))
    .map((m) => m[2]!)
    .join('; ');
}

export interface ProviderTable extends ProvidersResponse {
  /** The settings the table was computed from (for doctor's source column). */
  effective: EffectiveProviders;
}

/**
 * Live provider status for Settings and doctor: every module's status() in parallel, each capped
 * at 3 s, cached 5 s (and dropped when settings change), and the provider in use per capability.
 */
export class ProviderStatusService {
  private cache: { at: number; value: Promise<ProviderTable> } | null = null;

  constructor(
    private readonly settings: ProviderSettingsService,
    private readonly modules: () => ProviderModule[] = () => PROVIDERS,
    /** null: in use by reachability alone, no model (test doubles of modules have no models). */
    private readonly resolveModel: ModelResolver | null = selectLlmModel,
  ) {
    settings.onChange(() => this.invalidate());
  }

  invalidate(): void {
    this.cache = null;
  }

  table(refresh = false): Promise<ProviderTable> {
    if (!refresh && this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.value;
    const value = this.compute();
    const entry = { at: Date.now(), value };
    this.cache = entry;
    value.catch(() => {
      if (this.cache === entry) this.cache = null;
    });
    return value;
  }

  async test(id: ProviderId): Promise<ProviderTestResponse> {
    const mod = this.modules().find((m) => m.id === id);
    if (!mod) throw new AppError(404, 'not_found', `No ${id} provider module is installed in this build`);
    const config = await this.settings.effectiveConfig();
    const t0 = performance.now();
    let ok: boolean;
    let detail: string;
    try {
      const r = await withTimeout((signal) => mod.test(config, signal), TEST_TIMEOUT_MS);
      ok = r.ok;
      detail = r.detail;
    } catch (err) {
      ok = false;
      detail = err instanceof Timeout ? `${mod.label} did not finish its test within ${TEST_TIMEOUT_MS / 1000} s` : (err as Error).message || String(err);
    }
    return { provider: id, ok, detail: redact(detail, secretValues(config)), ms: Math.round(performance.now() - t0) };
  }

  private async compute(): Promise<ProviderTable> {
    const eff = await this.settings.effective();
    const secrets = secretValues(eff.config);
    const modules = this.modules();
    const rows = new Map<ProviderId, ProviderStatusRow>();
    await Promise.all(
      modules.map(async (mod) => {
        const t0 = performance.now();
        const cap = mod.embedded ? EMBEDDED_STATUS_TIMEOUT_MS : STATUS_TIMEOUT_MS;
        let report: ProviderStatusReport;
        try {
          report = await withTimeout((signal) => mod.status(eff.config, signal), cap);
        } catch (err) {
          const detail = err instanceof Timeout ? `no answer within ${cap / 1000} s` : `status check failed: ${(err as Error).message}`;
          report = { provider: mod.id, reachable: false, version: null, detail };
        }
        rows.set(mod.id, {
          id: mod.id,
          label: mod.label,
          embedded: mod.embedded,
          state: stateOf(mod, report, eff),
          version: report.version ? redact(report.version, secrets) : null,
          detail: redact(report.detail, secrets),
          models: (report.models ?? []).map((m) => redact(m, secrets)),
          voices: (report.voices ?? []).map((v) => redact(v, secrets)),
          ms: Math.round(performance.now() - t0),
        });
      }),
    );
    const capabilities = await Promise.all(
      Capability.options.map(async (cap): Promise<CapabilityProviders> => {
        const list = modules.filter((m) => m.capabilities.includes(cap)).map((m) => rows.get(m.id)!);
        let inUse: InUse;
        if (this.resolveModel && LLM_CAPABILITIES.has(cap) && list.length) inUse = await resolveLlmInUse(cap as LlmCapability, list, eff, this.resolveModel);
        else {
          const base = resolveInUse(cap, list, eff);
          inUse = { ...base, model: configuredModel(base.inUse, eff.config) };
        }
        return {
          capability: cap,
          label: CAPABILITY_LABELS[cap],
          choice: eff.choice[cap].value,
          choiceSource: eff.choice[cap].source,
          ...inUse,
          why: redact(inUse.why, secrets),
          embeddedDefault: list.find((r) => r.embedded)?.id ?? null,
          providers: list,
        };
      }),
    );
    return { capabilities, checkedAt: new Date().toISOString(), effective: eff };
  }
}
