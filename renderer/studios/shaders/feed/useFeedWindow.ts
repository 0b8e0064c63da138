import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Slides rendered before/after the active one; everything else is a spacer. */
const BEHIND = 2;
const AHEAD = 3;

export interface FeedWindow {
  /** Height of one slide (= the scroller's height) in CSS pixels. */
  slideHeight: number;
  active: number;
  start: number;
  end: number;
  scrollToIndex(index: number, smooth?: boolean): void;
}

/**
 * Virtualises a full-height, snap-scrolling list: only slides near the one in view are in the
 * DOM, with spacers keeping the scroll height right so the scrollbar and snapping stay honest.
 */
export function useFeedWindow(scroller: RefObject<HTMLElement | null>, count: number): FeedWindow {
  const [slideHeight, setSlideHeight] = useState(0);
  const [active, setActive] = useState(0);
  const frame = useRef(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const measure = (): void => setSlideHeight(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || slideHeight === 0) return undefined;
    const onScroll = (): void => {
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        setActive(Math.max(0, Math.min(count - 1, Math.round(el.scrollTop / slideHeight))));
      });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    onScroll();
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [scroller, slideHeight, count]);

  const scrollToIndex = useCallback(
    (index: number, smooth = true) => {
      const el = scroller.current;
      if (!el || slideHeight === 0) return;
      const i = Math.max(0, Math.min(count - 1, index));
      animateScroll(el, i * slideHeight, smooth && !window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    },
    [scroller, slideHeight, count],
  );

  const start = Math.max(0, active - BEHIND);
  const end = Math.min(count, active + AHEAD + 1);
  return { slideHeight, active, start, end, scrollToIndex };
}

const running = new WeakMap<HTMLElement, number>();

/**
 * Our own eased scroll: Chromium drops `scrollTo({ behavior: 'smooth' })` issued from a key
 * handler while a WebGL canvas keeps the main thread busy. Snapping is off during the glide
 * (mandatory snap would pull every intermediate step back) and on again at the target.
 */
function animateScroll(el: HTMLElement, top: number, smooth: boolean): void {
  cancelAnimationFrame(running.get(el) ?? 0);
  if (!smooth) {
    el.scrollTop = top;
    return;
  }
  const from = el.scrollTop;
  const start = performance.now();
  const duration = 320;
  el.style.scrollSnapType = 'none';
  const step = (now: number): void => {
    const t = Math.min(1, (now - start) / duration);
    const eased = 1 - (1 - t) ** 3;
    el.scrollTop = from + (top - from) * eased;
    if (t < 1) running.set(el, requestAnimationFrame(step));
    else {
      running.delete(el);
      el.style.scrollSnapType = '';
    }
  };
  running.set(el, requestAnimationFrame(step));
}
