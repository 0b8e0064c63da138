import type { HostContext } from '../../host-context.js';
import { lanFor } from '../../lan/lan-service.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Settings → Share on my network (shared/routes/lan.ts). */
export function lanRoutes(ctx: HostContext): RouteHandlers {
  const lan = lanFor(ctx);
  return {
    'lan.get': () => lan.status(),
    'lan.update': ({ body }) => lan.configure(body),
  };
}
