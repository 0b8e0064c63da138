import type { CoreContext } from '../host-context.js';

/** The pieces of the studio core the World services use (the HTTP host and `auteur mcp` both have them). */
export type WorldDeps = Pick<CoreContext, 'database' | 'jobs' | 'bus' | 'media' | 'logger' | 'ownerUserId' | 'dataDir'>;

/** Job kinds of the world pipeline (shared/jobs/world-*.ts, written by the generation side). */
export const WORLD_KINDS = { generate: 'world.generate', snapshot: 'world.snapshot' } as const;
