import { getBridge } from './bridge.js';

/** Where the API lives and how to authenticate against it. Resolved once at startup. */
export interface Connection {
  apiBase: string;
  token: string | null;
  source: 'bridge' | 'url' | 'session' | null;
}

const STORAGE_KEY = 'auteur.token';
let current: Connection | null = null;

// sessionStorage can throw (storage disabled, sandboxed iframes); the token then lives only in memory.
const storage = {
  get(): string | null {
    try {
      return window.sessionStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  set(token: string): void {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
      /* memory only */
    }
  },
  remove(): void {
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      /* nothing stored */
    }
  },
};

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Electron: the preload's apiBase/token. Browser: `?token=` from the link `auteur serve` printed
 * (moved into sessionStorage and stripped from the address bar), else what this tab stored before.
 */
export function resolveConnection(): Connection {
  const bridge = getBridge();
  if (bridge) {
    current = { apiBase: trimSlash(bridge.apiBase), token: bridge.token || null, source: 'bridge' };
    return current;
  }
  const apiBase = window.location.origin;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (fromUrl) {
      storage.set(fromUrl);
      current = { apiBase, token: fromUrl, source: 'url' };
      return current;
    }
  }
  const stored = storage.get();
  current = { apiBase, token: stored, source: stored ? 'session' : null };
  return current;
}

export function getConnection(): Connection {
  return current ?? resolveConnection();
}

/** Drop a token the host rejected so a fresh link is not shadowed by a stale one. */
export function forgetToken(): void {
  storage.remove();
  if (current && current.source !== 'bridge') current = { ...current, token: null, source: null };
}
