import { buildOpenApi } from '../../../../shared/openapi.js';
import type { HostContext } from '../../host-context.js';
import { providerDoctor, runDoctor } from '../../system/doctor.js';
import { health, systemInfo } from '../../system/system-info.js';
import type { RouteHandlers } from '../mount-routes.js';

export function systemRoutes(ctx: HostContext): RouteHandlers {
  let openapi: Record<string, unknown> | null = null;
  return {
    'health.get': () => health(ctx),
    'system.get': () => systemInfo(ctx),
    'system.doctor': async ({ query }) => {
      // Providers first: their quick status checks must not compete with the render check's Chromium.
      const providers = await providerDoctor(ctx.providers);
      const probes = await runDoctor(ctx.dataDir.root, { fresh: query.fresh === 'true' });
      return { probes, ...providers };
    },
    'openapi.get': () => (openapi ??= buildOpenApi(ctx.version)),
  };
}
