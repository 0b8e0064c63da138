import { useRouter } from '../../app/router.js';

/**
 * The Video studio keeps its place in the query string (/video?tab=library, /video?v=<id>&tab=script),
 * so the app router needs no new paths.
 */
export type VideoTab = 'create' | 'script' | 'library';

export function useVideoLocation(): { videoId: string | null; tab: VideoTab } {
  const location = useRouter((s) => s.location);
  const qs = new URLSearchParams(location.split('?')[1] ?? '');
  const t = qs.get('tab');
  const tab: VideoTab = t === 'library' || t === 'script' ? t : 'create';
  return { videoId: qs.get('v'), tab };
}

export const videoPaths = {
  create: () => '/video',
  library: () => '/video?tab=library',
  video: (id: string, tab: VideoTab = 'create') => `/video?v=${encodeURIComponent(id)}${tab === 'create' ? '' : `&tab=${tab}`}`,
};
