import { loadSeedAssets } from '../../../worker/generate/seed-assets.js';
import { loadSeedLibrary } from '../../../worker/generate/seed-library.js';
import type { CoreContext } from '../host-context.js';
import { seedLibraryIfEmpty, type SeedReport } from './seed-library.js';

/**
 * First launch: the shipped seed shaders (resources/shaders/seed) go into an empty library,
 * render-ready from their precomputed renders (resources/shaders/precomputed); a seed without a
 * fresh one gets a render queued. Later launches do nothing (seedLibraryIfEmpty remembers). Used
 * by the host and by `auteur mcp`, so both see the same library on a fresh data dir. A broken
 * seed or asset file is logged, never fatal: the studio still starts. AUTEUR_SEED_LIBRARY=0
 * skips it (tests that need an empty library, benches).
 */
export async function seedOnFirstLaunch(core: CoreContext, env: NodeJS.ProcessEnv = process.env): Promise<SeedReport | null> {
  if (env.AUTEUR_SEED_LIBRARY === '0') {
    core.logger.info('seed shader library skipped (AUTEUR_SEED_LIBRARY=0)');
    return null;
  }
  try {
    const seeds = loadSeedLibrary();
    let assets = null;
    try {
      assets = loadSeedAssets();
    } catch (err) {
      core.logger.warn(`precomputed seed renders are unusable, the seeds will render here: ${(err as Error).message}`);
    }
    return await seedLibraryIfEmpty(core, seeds, assets);
  } catch (err) {
    core.logger.error(`could not seed the shader library: ${(err as Error).message}`);
    return null;
  }
}
