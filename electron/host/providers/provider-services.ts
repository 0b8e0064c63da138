import type { Logger } from '../logger.js';
import { ProviderSettingsService } from './provider-settings.js';
import { ProviderStatusService } from './provider-status.js';
import { keyFileCodec, type SecretCodec } from './secret-codec.js';
import type { SettingsStore } from './settings-store.js';

export interface ProviderServices {
  settings: ProviderSettingsService;
  status: ProviderStatusService;
}

export interface ProviderServicesOptions {
  store: SettingsStore;
  dataDir: string;
  /** The desktop app passes its safeStorage codec; everything else uses the key file in the data dir. */
  codec?: SecretCodec;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** Saved provider settings, encrypted keys and live status, for one data dir. */
export function createProviderServices(opts: ProviderServicesOptions): ProviderServices {
  const keyFile = keyFileCodec(opts.dataDir);
  const codec = opts.codec ?? keyFile;
  const settings = new ProviderSettingsService({
    store: opts.store,
    codec,
    // The desktop app can still read keys a headless host saved in the same data dir.
    readers: codec === keyFile ? [] : [keyFile],
    env: opts.env,
    logger: opts.logger,
  });
  return { settings, status: new ProviderStatusService(settings) };
}
