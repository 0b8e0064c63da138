import { create } from 'zustand';

/** Every path the host answers with index.html. */
export const APP_PATHS = ['/shaders', '/video', '/world', '/shots', '/library', '/jobs', '/settings'] as const;
export type AppPath = (typeof APP_PATHS)[number];
export const DEFAULT_PATH: AppPath = '/shaders';

export function resolvePath(pathname: string): AppPath | null {
  const p = pathname.replace(/\/+$/, '');
  return (APP_PATHS as readonly string[]).includes(p) ? (p as AppPath) : null;
}

interface RouterState {
  path: AppPath;
  navigate(to: AppPath): void;
}

export const useRouter = create<RouterState>()((set, get) => ({
  path: DEFAULT_PATH,
  navigate: (to) => {
    if (to === get().path) return;
    window.history.pushState(null, '', to);
    set({ path: to });
    window.scrollTo(0, 0);
  },
}));

/** Read the address bar into the store (`/` and unknown paths redirect to Shaders); follow back/forward. */
export function initRouter(): () => void {
  const sync = (): void => {
    const path = resolvePath(window.location.pathname);
    if (path) {
      useRouter.setState({ path });
      return;
    }
    window.history.replaceState(window.history.state, '', DEFAULT_PATH + window.location.search + window.location.hash);
    useRouter.setState({ path: DEFAULT_PATH });
  };
  sync();
  window.addEventListener('popstate', sync);
  return () => window.removeEventListener('popstate', sync);
}
