import { useMemo } from 'react';
import { NoticeStack } from '../panels/NoticeStack.js';
import { useRoomStore } from './room-store.js';

/** Quota messages, refusals and connection news of the session over the scene. */
export function RoomNotices() {
  const notices = useRoomStore((s) => s.notices);
  const dismiss = useRoomStore((s) => s.dismiss);
  const stacked = useMemo(
    () => notices.map((n) => ({ id: n.id, text: n.text, tone: n.tone === 'quota' ? 'error' : n.tone, testId: n.tone === 'quota' ? 'room-quota' : 'room-notice' })),
    [notices],
  );
  return <NoticeStack notices={stacked} dismiss={dismiss} />;
}
