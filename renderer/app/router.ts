import { create } from 'zustand';

/** Every path the host answers with index.html. */
export const APP_PATHS = ['/shaders', '/video', '/world', '/shots', '/library', '/jobs', '/settings'] as const;
export type AppPath = (typeof APP_PATHS)[number];
export const DEFAULT_PATH: AppPath = '/shaders';

/** Sections with their own sub-routes (e.g. /shaders/s/:id); the rail still highlights the section. */
const NESTED_PATHS: readonly AppPath[] = ['/shaders'];

export function resolvePath(pathname: string): AppPath | null {
  const p = pathname.replace(/\/+$/, '');
  if ((APP_PATHS as readonly string[]).includes(p)) return p as AppPath;
  return NESTED_PATHS.find((s) => p.startsWith(`${s}/`)) ?? null;
}

/** Asked before leaving the current location (unsaved work); false keeps the user where they are. */
export type LeaveGuard = () => boolean;

interface RouterState {
  path: AppPath;
  /** Full in-app location: pathname (no trailing slash) + search, e.g. /shaders/edit/abc?fork=1 */
  location: string;
  guard: LeaveGuard | null;
  navigate(to: string, opts?: { replace?: boolean }): void;
  setGuard(guard: LeaveGuard | null): void;
}

function locationOf(url: URL): string {
  return (url.pathname.replace(/\/+$/, '') || '/') + url.search;
}

export const useRouter = create<RouterState>()((set, get) => ({
  path: DEFAULT_PATH,
  location: DEFAULT_PATH,
  guard: null,
  navigate: (to, opts) => {
    const url = new URL(to, window.location.origin);
    const path = resolvePath(url.pathname);
    const location = locationOf(url);
    if (!path || location === get().location) return;
    const guard = get().guard;
    if (guard && !guard()) return;
    if (opts?.replace) window.history.replaceState(null, '', location);
    else window.history.pushState(null, '', location);
    set({ path, location });
    if (!opts?.replace) window.scrollTo(0, 0);
  },
  setGuard: (guard) => set({ guard }),
}));

/** Read the address bar into the store (`/` and unknown paths redirect to Shaders); follow back/forward. */
export function initRouter(): () => void {
  const sync = (): void => {
    const path = resolvePath(window.location.pathname);
    if (path) {
      useRouter.setState({ path, location: locationOf(new URL(window.location.href)) });
      return;
    }
    window.history.replaceState(window.history.state, '', DEFAULT_PATH + window.location.search + window.location.hash);
    useRouter.setState({ path: DEFAULT_PATH, location: DEFAULT_PATH + window.location.search });
  };
  // Back/forward past a guard that says "stay": put the location we left back on top.
  const onPop = (): void => {
    const { guard, location } = useRouter.getState();
    if (guard && !guard()) {
      window.history.pushState(null, '', location);
      return;
    }
    sync();
  };
  sync();
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
