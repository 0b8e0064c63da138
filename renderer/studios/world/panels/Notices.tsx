import { useEffect } from 'react';
import { useWorldStore } from '../store/world-store.js';

/** Refusals and failures over the scene; each fades after 8 s or on click. */
export function Notices() {
  const notices = useWorldStore((s) => s.notices);
  const dismiss = useWorldStore((s) => s.dismiss);
  useEffect(() => {
    if (!notices.length) return undefined;
    const first = notices[0]!;
    const t = setTimeout(() => dismiss(first.id), 8000);
    return () => clearTimeout(t);
  }, [notices, dismiss]);
  return (
    <div className="world-notices" aria-live="polite">
      {notices.map((n) => (
        <button type="button" key={n.id} className={`world-notice world-notice-${n.tone}`} data-testid="world-notice" onClick={() => dismiss(n.id)}>
          {n.text}
        </button>
      ))}
    </div>
  );
}
