import { loadSeedLibrary } from '../../../worker/generate/seed-library.js';
import type { CoreContext } from '../host-context.js';
import { seedLibraryIfEmpty, type SeedReport } from './seed-library.js';

/**
 * First launch: the shipped seed shaders (resources/shaders/seed) go into an empty library and
 * their renders are queued. Later launches do nothing (seedLibraryIfEmpty remembers). A broken
 * seed file is logged, never fatal: the studio still starts. AUTEUR_SEED_LIBRARY=0 skips it
 * (tests that need an empty library, benches).
 */
export function seedOnFirstLaunch(core: CoreContext, env: NodeJS.ProcessEnv = process.env): SeedReport | null {
  if (env.AUTEUR_SEED_LIBRARY === '0') {
    core.logger.info('seed shader library skipped (AUTEUR_SEED_LIBRARY=0)');
    return null;
  }
  try {
    return seedLibraryIfEmpty(core, loadSeedLibrary());
  } catch (err) {
    core.logger.error(`could not seed the shader library: ${(err as Error).message}`);
    return null;
  }
}
