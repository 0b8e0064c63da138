import { ApiKeyService } from './api-keys/api-key-service.js';
import type { DataDir } from './data-dir.js';
import { openDatabase } from './db/connection.js';
import { ensureLocalOwner } from './db/owner.js';
import { EventBus } from './events/event-bus.js';
import type { CoreContext } from './host-context.js';
import { JobHookRegistry } from './jobs/job-hooks.js';
import { JobRunner } from './jobs/job-runner.js';
import { JobService } from './jobs/job-service.js';
import { JobStore } from './jobs/job-store.js';
import { WorkerPool } from './jobs/worker-pool.js';
import type { Logger } from './logger.js';
import { registerImageHooks } from './media/image-hooks.js';
import { registerMediaHooks } from './media/media-hooks.js';
import { MediaStore } from './media/media-store.js';
import { APP_VERSION, WORKER_ENTRY } from './package-root.js';
import { registerProviderHooks } from './providers/provider-hooks.js';
import { registerShaderHooks } from './shaders/render-hook.js';
import { registerGenerationHooks } from './shaders/generation-hooks.js';
import { registerShotsJobHooks } from './shots/job-hooks.js';
import { registerShotsCaptionHooks } from './shots/caption-hooks.js';
import { registerShotsVeoHooks } from './shots/veo-submit.js';
import { registerWorldJobHooks } from './world/job-hooks.js';
import { registerVideoJobHooks } from './video/job-hooks.js';
import { registerCommunityPublishHooks } from './community/publish-jobs.js';
import { registerLiveLoop } from './video/liveloop/register.js';
import { createProviderServices } from './providers/provider-services.js';
import type { SecretCodec } from './providers/secret-codec.js';
import { ProviderSettingsStore } from './providers/settings-store.js';

export interface CoreOptions {
  dataDir: DataDir;
  mode: CoreContext['mode'];
  /** Encrypts provider keys at rest; the desktop app passes safeStorage, default is a key file in the data dir. */
  secretCodec?: SecretCodec;
  logger: Logger;
}

/**
 * Registers each studio's job hooks and start-up work on the core. Every process that runs
 * jobs (the host, `auteur mcp` without a host) calls it, so results are stored the same way.
 */
function registerDomains(core: CoreContext): void {
  // Studios add their `register…(core)` calls here.
  registerProviderHooks(core);
  registerShaderHooks(core);
  registerGenerationHooks(core);
  registerImageHooks(core);
  registerMediaHooks(core);
  registerShotsJobHooks(core);
  registerShotsCaptionHooks(core);
  registerShotsVeoHooks(core);
  registerWorldJobHooks(core);
  registerVideoJobHooks(core);
  registerCommunityPublishHooks(core);
  registerLiveLoop(core);
}

/**
 * The studio without its HTTP face: database (migrated), job store, runner + worker pool,
 * media store, event bus and the services built on them. The host adds the API on top;
 * `auteur mcp` uses it directly over stdio.
 */
export function createCore(opts: CoreOptions): CoreContext {
  const database = openDatabase(opts.dataDir.dbPath);
  try {
    const ownerUserId = ensureLocalOwner(database.db);
    const bus = new EventBus();
    const store = new JobStore(database);
    const pool = new WorkerPool(WORKER_ENTRY);
    const hooks = new JobHookRegistry();
    const media = new MediaStore(database.db, opts.dataDir.mediaDir, bus);
    const providers = createProviderServices({ store: new ProviderSettingsStore(database.db), dataDir: opts.dataDir.root, codec: opts.secretCodec, logger: opts.logger });
    const runner = new JobRunner(store, pool, bus, opts.logger, { dataDir: opts.dataDir.root, providers: () => providers.settings.effectiveConfig() }, hooks);
    const jobs = new JobService(store, runner, hooks);
    const core: CoreContext = {
      version: APP_VERSION,
      dataDir: opts.dataDir,
      database,
      bus,
      pool,
      runner,
      jobs,
      hooks,
      media,
      apiKeys: new ApiKeyService(database.db),
      providers,
      logger: opts.logger,
      ownerUserId,
      startedAt: new Date(),
      mode: opts.mode,
    };
    registerDomains(core);
    return core;
  } catch (err) {
    database.close();
    throw err;
  }
}

/** Stops the runner and workers, then closes the database. */
export async function closeCore(core: CoreContext): Promise<void> {
  await core.runner.stop();
  await core.pool.close();
  core.database.close();
}
