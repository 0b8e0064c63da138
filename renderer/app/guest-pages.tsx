import { Suspense, lazy, type ComponentType, type ReactElement } from 'react';
import { Loading } from '../components/Loading.js';
// Guest pages' styles ride in the entry's stylesheet (index.html's <link>, served under the invite's
// path): vite preloads a lazy chunk's CSS from an absolute /assets/ URL, which the LAN listener
// does not serve, and a failed CSS preload fails the page's import.
import '../studios/world/world.css';
import '../studios/world/room/room.css';

/**
 * Pages served to LAN guests by the host's LAN listener (an invite token in the path, no studio
 * token): they render instead of the studio app, skip the studio's auth and router, and load
 * only their own lazy chunk. One line per guest page.
 */
const GUEST_PAGES: Array<{ prefix: string; page: ComponentType }> = [
  { prefix: '/world-room/', page: lazy(() => import('../studios/world/room/GuestRoomApp.js')) },
];

/** The guest page for this path, or null for the studio app. */
export function guestPage(pathname: string): ReactElement | null {
  const hit = GUEST_PAGES.find((g) => pathname.startsWith(g.prefix));
  if (!hit) return null;
  const Page = hit.page;
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <Page />
    </Suspense>
  );
}
