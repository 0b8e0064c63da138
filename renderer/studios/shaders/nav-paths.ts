// The studio's addresses as pure functions (no router, no window), so they are testable in Node.
/** Where the studio is, parsed from the app location (/shaders/...). */
export type StudioView =
  | { view: 'feed' }
  | { view: 'explore'; params: URLSearchParams }
  | { view: 'editor'; id: string | null; params: URLSearchParams }
  | { view: 'detail'; id: string }
  | { view: 'desires' }
  | { view: 'generate'; params: URLSearchParams }
  | { view: 'review' }
  | { view: 'community'; params: URLSearchParams }
  | { view: 'communityItem'; id: string }
  | { view: 'unknown'; path: string };

export type StudioTab = 'feed' | 'explore' | 'editor' | 'desires' | 'generate' | 'review' | 'community';

export function parseStudioLocation(location: string): StudioView {
  const url = new URL(location, 'http://studio.local');
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [head, id] = parts;
  const params = url.searchParams;
  switch (head) {
    case undefined:
    case 'feed':
      return { view: 'feed' };
    case 'explore':
      return { view: 'explore', params };
    case 'new':
      return { view: 'editor', id: null, params };
    case 'edit':
      return id ? { view: 'editor', id, params } : { view: 'editor', id: null, params };
    case 's':
      return id ? { view: 'detail', id } : { view: 'unknown', path: url.pathname };
    case 'desires':
      return { view: 'desires' };
    case 'generate':
      return { view: 'generate', params };
    case 'review':
      return { view: 'review' };
    case 'community':
      return id ? { view: 'communityItem', id } : { view: 'community', params };
    default:
      return { view: 'unknown', path: url.pathname };
  }
}

export function tabOf(view: StudioView): StudioTab | null {
  switch (view.view) {
    case 'feed':
    case 'explore':
    case 'desires':
    case 'generate':
    case 'review':
      return view.view;
    case 'editor':
      return 'editor';
    case 'community':
    case 'communityItem':
      return 'community';
    default:
      return null;
  }
}

const q = (params: Record<string, string | undefined | null>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const str = s.toString();
  return str ? `?${str}` : '';
};

/** Every studio link in one place so views never hand-build paths. */
export const studioPaths = {
  feed: () => '/shaders/feed',
  explore: (params: { tag?: string | null; sort?: string | null; q?: string | null } = {}) => `/shaders/explore${q(params)}`,
  detail: (id: string) => `/shaders/s/${encodeURIComponent(id)}`,
  edit: (id: string) => `/shaders/edit/${encodeURIComponent(id)}`,
  newShader: (params: { desire?: string | null; job?: string | null } = {}) => `/shaders/new${q(params)}`,
  desires: () => '/shaders/desires',
  generate: (params: { desire?: string | null; prompt?: string | null } = {}) => `/shaders/generate${q(params)}`,
  review: () => '/shaders/review',
  community: (params: { sort?: string | null; kind?: string | null; q?: string | null } = {}) => `/shaders/community${q(params)}`,
  communityItem: (id: string) => `/shaders/community/${encodeURIComponent(id)}`,
};
