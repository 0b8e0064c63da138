import { useState } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { usePreviewAt } from '../api/liveloop-hooks.js';
import { EntryCard } from './EntryCard.js';

/** "2026-12-06T18:30" for a datetime-local input, in the viewer's zone. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Preview what plays at a chosen time: the guide entry and the frame on air at that instant. */
export function PreviewAt({ channelId }: { channelId: string }) {
  const [value, setValue] = useState(() => localInput(Date.now() + 3_600_000));
  const [at, setAt] = useState<string | null>(null);
  const preview = usePreviewAt(channelId, at);
  const parsed = Date.parse(value);
  return (
    <section className="ll-preview card" aria-labelledby="ll-preview-title" data-testid="liveloop-preview">
      <h2 id="ll-preview-title">Preview a time</h2>
      <form
        className="ll-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (Number.isFinite(parsed)) setAt(new Date(parsed).toISOString());
        }}
      >
        <label className="vfield">
          <span>What plays at</span>
          <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} data-testid="liveloop-preview-at" required />
        </label>
        <button type="submit" className="btn btn-secondary" disabled={!Number.isFinite(parsed)} data-testid="liveloop-preview-go">
          Show
        </button>
      </form>
      {preview.isFetching && !preview.data ? <p className="small muted">Looking it up…</p> : null}
      {preview.error ? <ErrorBanner error={preview.error} title="Could not preview that time" /> : null}
      {preview.data && at ? (
        <>
          <EntryCard entry={preview.data.current} offsetSec={preview.data.offsetSec} testId="liveloop-preview-entry" />
          {preview.data.next ? (
            <p className="small muted">
              Then: <strong>{preview.data.next.title || preview.data.next.kind}</strong> at {new Date(preview.data.next.start).toLocaleTimeString()}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
