import type { ProviderModule } from '../types.js';

const WHAT =
  'Built-in 512-d features, no model: rendered-frame statistics + GLSL tokens + text n-grams, hashed. Good for "more like this" in the feed; it does not understand meaning the way an embeddings model does.';

/** The offline embeddings: always available, computed in the worker. */
export const hashedFeaturesProvider: ProviderModule = {
  id: 'hashed-features',
  label: 'Hashed features (built in)',
  capabilities: ['embeddings'],
  embedded: true,
  async status() {
    return { provider: 'hashed-features', reachable: true, version: null, detail: WHAT };
  },
  async test() {
    return { ok: true, detail: 'Built in: runs inside the worker, nothing to connect to.', ms: 0 };
  },
};
