import { useEffect } from 'react';

export interface StackedNotice {
  id: number;
  text: string;
  /** CSS tone: world-notice-<tone>. */
  tone: string;
  testId: string;
}

/** Notices over the scene (editor refusals, room quotas and connection news); each fades after 8 s or on click. */
export function NoticeStack({ notices, dismiss }: { notices: readonly StackedNotice[]; dismiss: (id: number) => void }) {
  useEffect(() => {
    if (!notices.length) return undefined;
    const first = notices[0]!;
    const t = setTimeout(() => dismiss(first.id), 8000);
    return () => clearTimeout(t);
  }, [notices, dismiss]);
  return (
    <div className="world-notices" aria-live="polite">
      {notices.map((n) => (
        <button type="button" key={n.id} className={`world-notice world-notice-${n.tone}`} data-testid={n.testId} onClick={() => dismiss(n.id)}>
          {n.text}
        </button>
      ))}
    </div>
  );
}
