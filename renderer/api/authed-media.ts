import { useEffect, useState } from 'react';
import { API_PREFIX } from '../../shared/routes.js';
import { getConnection } from './auth.js';

/**
 * The API needs the Authorization header, which <img>/<video> cannot send: media are fetched
 * with the token and shown through blob URLs. Blob URLs are cached (LRU) so virtualised cards
 * that remount do not refetch, and revoked when they fall out of the cache.
 */
const MAX_ENTRIES = 160;
const MAX_PARALLEL = 4;

interface Entry {
  promise: Promise<string>;
  url: string | null;
}

const cache = new Map<string, Entry>();
let active = 0;
const waiting: Array<() => void> = [];

function absolute(apiPath: string): string {
  const { apiBase } = getConnection();
  if (/^https?:/.test(apiPath)) return apiPath;
  return apiBase + (apiPath.startsWith(API_PREFIX) ? apiPath : API_PREFIX + apiPath);
}

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

function evict(): void {
  while (cache.size > MAX_ENTRIES) {
    const [key, entry] = cache.entries().next().value as [string, Entry];
    cache.delete(key);
    if (entry.url) URL.revokeObjectURL(entry.url);
  }
}

/** Fetches an API media path once and resolves to a blob: URL (rejects with a readable message). */
export function loadAuthedMedia(apiPath: string): Promise<string> {
  const hit = cache.get(apiPath);
  if (hit) {
    cache.delete(apiPath);
    cache.set(apiPath, hit);
    return hit.promise;
  }
  const entry: Entry = { url: null, promise: Promise.resolve('') };
  entry.promise = slot(async () => {
    const { token } = getConnection();
    const res = await fetch(absolute(apiPath), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`HTTP ${res.status} loading ${apiPath}`);
    const url = URL.createObjectURL(await res.blob());
    entry.url = url;
    return url;
  });
  // A failed load is not cached, so the next mount tries again.
  entry.promise.catch(() => cache.delete(apiPath));
  cache.set(apiPath, entry);
  evict();
  return entry.promise;
}

export type MediaState = { url: string | null; error: string | null; loading: boolean };

/** A blob URL for an API media path; `null` path means there is nothing to show (yet). */
export function useAuthedMedia(apiPath: string | null | undefined, enabled = true): MediaState {
  const [state, setState] = useState<MediaState>({ url: null, error: null, loading: false });
  useEffect(() => {
    if (!apiPath || !enabled) {
      setState({ url: null, error: null, loading: false });
      return undefined;
    }
    let alive = true;
    setState((s) => ({ url: s.url, error: null, loading: true }));
    loadAuthedMedia(apiPath).then(
      (url) => alive && setState({ url, error: null, loading: false }),
      (err: unknown) => alive && setState({ url: null, error: err instanceof Error ? err.message : String(err), loading: false }),
    );
    return () => {
      alive = false;
    };
  }, [apiPath, enabled]);
  return state;
}
