import { useEffect, useRef } from 'react';

/** Below this a card was flicked past: not reported at all (the server calls < 2 s a skip). */
export const MIN_DWELL_SECONDS = 1;
/** Share of the card that must be on screen for it to count as watched. */
const VISIBLE_RATIO = 0.6;

/**
 * Measures how long an element stays (mostly) visible and reports each stretch of at least
 * MIN_DWELL_SECONDS when it ends: scrolled away, tab hidden, or the card unmounted.
 * Time while the tab is hidden does not count.
 */
export function useDwell(ref: React.RefObject<HTMLElement | null>, onDwell: (seconds: number) => void): void {
  const report = useRef(onDwell);
  report.current = onDwell;

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let since: number | null = null;
    let visible = false;

    const start = (): void => {
      if (since === null && visible && document.visibilityState === 'visible') since = performance.now();
    };
    const stop = (): void => {
      if (since === null) return;
      const seconds = (performance.now() - since) / 1000;
      since = null;
      if (seconds >= MIN_DWELL_SECONDS) report.current(Math.round(seconds * 100) / 100);
    };

    const io = new IntersectionObserver(
      ([entry]) => {
        visible = !!entry && entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO;
        if (visible) start();
        else stop();
      },
      { threshold: [0, VISIBLE_RATIO, 1] },
    );
    io.observe(el);
    const onVisibility = (): void => (document.visibilityState === 'visible' ? start() : stop());
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', stop);
    return () => {
      io.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', stop);
      stop();
    };
  }, [ref]);
}
