import { providerOllamaPull } from '../../../../shared/jobs/provider-ollama-pull.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Settings → Providers. Secrets go in through PUT and never come back out: the view has only { set, source }. */
export function providerRoutes(ctx: HostContext): RouteHandlers {
  const { settings, status } = ctx.providers;
  return {
    'providers.list': async ({ query }) => {
      // Pick the public fields: the table also carries the effective config (with decrypted keys).
      const { capabilities, checkedAt } = await status.table(query.refresh === 'true');
      return { capabilities, checkedAt };
    },
    'providers.settings.get': () => settings.view(),
    'providers.settings.update': ({ body }) => settings.update(body),
    'providers.test': ({ params }) => status.test(params.id),
    'providers.ollama.pull': ({ body }) =>
      ctx.jobs.submit({ kind: providerOllamaPull.kind, input: body, userId: ctx.ownerUserId }).job,
  };
}
