import { useEffect, useId, useSyncExternalStore } from 'react';

/**
 * At most MAX_LIVE WebGL contexts at once across the studio: browsers cap contexts (~16) and
 * drop the oldest without asking, and every live context costs GPU time. Canvases ask for a
 * slot with a priority; the highest priorities win, ties go to whoever asked first. A canvas
 * without a slot shows its thumbnail instead.
 */
export const MAX_LIVE_CONTEXTS = 3;

/** Priorities: the editor and the detail view must always be live; the feed and hovers share the rest. */
export const PRIORITY = { focus: 100, feedActive: 60, feedNext: 40, hover: 30 } as const;

interface Request {
  priority: number;
  since: number;
}

const requests = new Map<string, Request>();
let granted = new Set<string>();
const listeners = new Set<() => void>();
let seq = 0;

function recompute(): void {
  const winners = [...requests.entries()]
    .sort(([, a], [, b]) => b.priority - a.priority || a.since - b.since)
    .slice(0, MAX_LIVE_CONTEXTS)
    .map(([id]) => id);
  const next = new Set(winners);
  const changed = next.size !== granted.size || winners.some((id) => !granted.has(id));
  granted = next;
  if (changed) for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Ask for a live-context slot while `want` is true. Returns whether this caller holds one now;
 * it can lose it to a higher priority at any render.
 */
export function useContextSlot(want: boolean, priority: number): boolean {
  const id = useId();
  useEffect(() => {
    if (!want) return undefined;
    const existing = requests.get(id);
    requests.set(id, { priority, since: existing?.since ?? ++seq });
    recompute();
    return () => {
      requests.delete(id);
      recompute();
    };
  }, [id, want, priority]);
  return useSyncExternalStore(
    subscribe,
    () => granted.has(id),
    () => false,
  );
}
