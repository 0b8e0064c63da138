import type { ApiKeyService } from './api-keys/api-key-service.js';
import type { ProviderServices } from './providers/provider-services.js';
import type { DataDir } from './data-dir.js';
import type { Database_ } from './db/connection.js';
import type { EventBus } from './events/event-bus.js';
import type { JobHookRegistry } from './jobs/job-hooks.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { MediaStore } from './media/media-store.js';
import type { JobService } from './jobs/job-service.js';
import type { WorkerPool } from './jobs/worker-pool.js';
import type { Logger } from './logger.js';

/** Everything a service needs from the running studio core, passed explicitly (no globals). */
export interface CoreContext {
  version: string;
  dataDir: DataDir;
  database: Database_;
  bus: EventBus;
  pool: WorkerPool;
  runner: JobRunner;
  jobs: JobService;
  /** Where job kinds register host-side effects (ingest media, update domain rows). */
  hooks: JobHookRegistry;
  media: MediaStore;
  apiKeys: ApiKeyService;
  /** Provider settings (encrypted keys), effective config for jobs, live provider status. */
  providers: ProviderServices;
  logger: Logger;
  ownerUserId: string;
  startedAt: Date;
  mode: 'headless' | 'desktop' | 'mcp';
}

/** The core plus the HTTP face: what API routes receive. */
export interface HostContext extends CoreContext {
  /** Filled once the server listens. */
  origin: { url: string; port: number; token: string };
}
