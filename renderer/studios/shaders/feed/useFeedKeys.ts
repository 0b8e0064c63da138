import { useEffect, useRef } from 'react';

interface Handlers {
  onPrev(): void;
  onNext(): void;
  onVoteUp(): void;
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** ↑/k previous, ↓/j next, v vote up; ignored while typing (the desire box) or with modifiers. */
export function useFeedKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typingInto(e.target)) return;
      const h = latest.current;
      if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'PageDown') h.onNext();
      else if (e.key === 'ArrowUp' || e.key === 'k' || e.key === 'PageUp') h.onPrev();
      else if (e.key === 'v') h.onVoteUp();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
