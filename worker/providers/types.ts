import type { Capability, ProviderId, WorkerProviderConfig } from '../../shared/schemas/providers.js';

/** What a provider reports about itself for Settings → Providers and `auteur doctor`. */
export interface ProviderStatusReport {
  provider: ProviderId;
  reachable: boolean;
  version: string | null;
  /** One line: what was found, or what is wrong and how to fix it (never a secret). */
  detail: string;
  /** Models, voices, checkpoints or node packs it offers, when it can list them. */
  models?: string[];
  voices?: string[];
}

export interface ProviderTestResult {
  ok: boolean;
  detail: string;
  ms: number;
}

/**
 * One provider (a real service client or an embedded default). Every module lives in
 * worker/providers/<area>/ and is listed in worker/providers/registry.ts.
 */
export interface ProviderModule {
  id: ProviderId;
  label: string;
  capabilities: Capability[];
  /** Embedded defaults work offline with no configuration. */
  embedded: boolean;
  /** Cheap look: reachable? version? models? Must finish within ~3 s and never throw. */
  status(config: WorkerProviderConfig, signal: AbortSignal): Promise<ProviderStatusReport>;
  /** A tiny real call (one short completion, one word of speech …). */
  test(config: WorkerProviderConfig, signal: AbortSignal): Promise<ProviderTestResult>;
}

/** A provider failure that names the provider, the URL and the fix. */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderId,
    message: string,
    readonly kind: 'unreachable' | 'auth' | 'bad_response' | 'timeout' | 'cancelled' | 'not_configured' | 'missing_model' | 'server_error',
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
