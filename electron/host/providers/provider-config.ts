import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { resolveEffective } from './provider-settings.js';

/**
 * Effective provider settings from the environment alone (no saved settings): what a process
 * without the database sees. The host uses ProviderSettingsService, which layers saved
 * settings under the same env overrides.
 */
export function providerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerProviderConfig {
  return resolveEffective({}, new Map(), env).config;
}
