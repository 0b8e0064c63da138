import { useRouter } from '../../app/router.js';

/**
 * The Video studio keeps its place in the query string (/video?tab=library, /video?v=<id>&tab=script),
 * so the app router needs no new paths.
 */
export type VideoTab = 'create' | 'script' | 'library' | 'liveloop' | 'arcade';

/** Tabs that stand alone (no video open): their address is just /video?tab=<id>. */
export const STANDALONE_TABS: ReadonlySet<VideoTab> = new Set(['library', 'liveloop', 'arcade']);

export function useVideoLocation(): { videoId: string | null; tab: VideoTab } {
  const location = useRouter((s) => s.location);
  const qs = new URLSearchParams(location.split('?')[1] ?? '');
  const t = qs.get('tab');
  const tab: VideoTab = t === 'script' || STANDALONE_TABS.has(t as VideoTab) ? (t as VideoTab) : 'create';
  return { videoId: qs.get('v'), tab };
}

export const videoPaths = {
  create: () => '/video',
  library: () => '/video?tab=library',
  tab: (id: VideoTab) => `/video?tab=${id}`,
  video: (id: string, tab: VideoTab = 'create') => `/video?v=${encodeURIComponent(id)}${tab === 'create' ? '' : `&tab=${tab}`}`,
};
