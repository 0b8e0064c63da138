import type { ProviderModule } from '../types.js';

const WHAT =
  'Built-in composers, no model: GLSL from prompt keywords and style sliders, world recipes from templates, shots from action paragraphs. Output follows templates, so it is predictable rather than creative.';

/**
 * The offline stand-in for an LLM. It is always there (it is code in the worker), so status is
 * honest by construction: it says what it does and that it is not a language model.
 */
export const proceduralProvider: ProviderModule = {
  id: 'procedural',
  label: 'Procedural composers (built in)',
  capabilities: ['llm'],
  embedded: true,
  async status() {
    return { provider: 'procedural', reachable: true, version: null, detail: WHAT };
  },
  async test() {
    return { ok: true, detail: 'Built in: runs inside the worker, nothing to connect to.', ms: 0 };
  },
};
