import { useEffect } from 'react';
import { useRoomStore } from './room-store.js';

/** Quota messages, refusals and connection news over the scene; each fades after 8 s or on click. */
export function RoomNotices() {
  const notices = useRoomStore((s) => s.notices);
  const dismiss = useRoomStore((s) => s.dismiss);
  useEffect(() => {
    if (!notices.length) return undefined;
    const first = notices[0]!;
    const t = setTimeout(() => dismiss(first.id), 8000);
    return () => clearTimeout(t);
  }, [notices, dismiss]);
  return (
    <div className="world-notices" aria-live="polite">
      {notices.map((n) => (
        <button
          type="button"
          key={n.id}
          className={`world-notice world-notice-${n.tone === 'quota' ? 'error' : n.tone}`}
          data-testid={n.tone === 'quota' ? 'room-quota' : 'room-notice'}
          onClick={() => dismiss(n.id)}
        >
          {n.text}
        </button>
      ))}
    </div>
  );
}
