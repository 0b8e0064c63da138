import { buildOpenApi } from '../../../../shared/openapi.js';
import type { HostContext } from '../../host-context.js';
import { runDoctor } from '../../system/doctor.js';
import { health, systemInfo } from '../../system/system-info.js';
import type { RouteHandlers } from '../mount-routes.js';

export function systemRoutes(ctx: HostContext): RouteHandlers {
  let openapi: Record<string, unknown> | null = null;
  return {
    'health.get': () => health(ctx),
    'system.get': () => systemInfo(ctx),
    'system.doctor': async () => ({ probes: await runDoctor(ctx.dataDir.root) }),
    'openapi.get': () => (openapi ??= buildOpenApi(ctx.version)),
  };
}
