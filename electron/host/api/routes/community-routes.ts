import { communityFor } from '../../community/community-service.js';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Settings → Community (shared/routes/community.ts): relay URL, sign in / register / sign out. */
export function communityRoutes(ctx: HostContext): RouteHandlers {
  const community = () => communityFor(ctx);
  return {
    'community.status': () => community().status(),
    'community.settings': ({ body }) => community().setRelay(body.relayUrl),
    'community.check': () => community().check(),
    'community.signIn': ({ body }) => community().signIn(body),
    'community.register': ({ body }) => community().register(body),
    'community.account': () => community().refreshAccount(),
    'community.signOut': () => community().signOut(),
  };
}
