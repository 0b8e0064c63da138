import { SHOTS_ROUTES } from '../../../../shared/routes/shots.js';
import { AppError } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Shots studio routes (shared/routes/shots.ts). Routes not wired yet answer 501 with the reason. */
export function shotsRoutes(_ctx: HostContext): RouteHandlers {
  const handlers: Record<string, () => never> = {};
  for (const id of Object.keys(SHOTS_ROUTES)) {
    handlers[id] = () => {
      throw new AppError(501, 'not_implemented', `${id} is not wired in this build yet`);
    };
  }
  return handlers as RouteHandlers;
}
