import { useRouter } from '../../app/router.js';

/** The World studio keeps the open world in the query string (/world?world=…). */
export function useWorldLocation(): { worldId: string | null } {
  const location = useRouter((s) => s.location);
  const qs = new URLSearchParams(location.split('?')[1] ?? '');
  return { worldId: qs.get('world') };
}

export const worldPaths = {
  list: () => '/world',
  world: (id: string) => `/world?world=${encodeURIComponent(id)}`,
};
