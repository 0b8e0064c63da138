import { useMemo } from 'react';
import { useWorldStore } from '../store/world-store.js';
import { NoticeStack } from './NoticeStack.js';

/** The editor's refusals and failures over the scene. */
export function Notices() {
  const notices = useWorldStore((s) => s.notices);
  const dismiss = useWorldStore((s) => s.dismiss);
  const stacked = useMemo(() => notices.map((n) => ({ id: n.id, text: n.text, tone: n.tone, testId: 'world-notice' })), [notices]);
  return <NoticeStack notices={stacked} dismiss={dismiss} />;
}
