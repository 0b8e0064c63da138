import { providerOllamaPull } from '../../../shared/jobs/provider-ollama-pull.js';
import type { CoreContext } from '../host-context.js';

/** A pulled model changes what Ollama lists: drop the cached status so Settings shows it at once. */
export function registerProviderHooks(core: CoreContext): void {
  core.hooks.register(providerOllamaPull.kind, {
    onSucceeded: () => {
      core.providers.status.invalidate();
      return undefined;
    },
  });
}
