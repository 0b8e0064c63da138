import type { HostContext } from '../../host-context.js';
import { endHosted, hostOnRelay, listHosted, newHostedInvite } from '../../world/room-hosted/relay-hosting.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Hosting a world on the community relay (shared/routes/world-hosted.ts). */
export function worldHostedRoutes(ctx: HostContext): RouteHandlers {
  return {
    'worldHosted.rooms.start': ({ body }) => hostOnRelay(ctx, body),
    'worldHosted.rooms.list': () => listHosted(ctx),
    'worldHosted.rooms.end': ({ params }) => endHosted(ctx, params.id),
    'worldHosted.invite.create': ({ params, body }) => newHostedInvite(ctx, params.id, body),
  };
}
