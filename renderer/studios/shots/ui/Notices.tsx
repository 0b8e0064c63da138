import { useState } from 'react';
import { errorMessage } from '../../../api/errors.js';
import { notify, useNotices, type Notice } from './notices.js';

function NoticeRow({ notice }: { notice: Notice }) {
  const dismiss = useNotices((s) => s.dismiss);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!notice.action) return;
    setBusy(true);
    try {
      await notice.action.run();
      dismiss(notice.id);
      notify.ok('Restored.');
    } catch (err) {
      dismiss(notice.id);
      notify.error(`Could not undo: ${errorMessage(err)}`);
    }
  };
  return (
    <div className="shots-toast" data-tone={notice.tone} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="shots-notice">
      <span>{notice.message}</span>
      {notice.action ? (
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void run()}>
          {notice.action.label}
        </button>
      ) : null}
      <button type="button" className="shots-toast-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useNotices((s) => s.notices);
  return (
    <div className="shots-toaster" aria-live="polite">
      {notices.map((n) => (
        <NoticeRow key={n.id} notice={n} />
      ))}
    </div>
  );
}
