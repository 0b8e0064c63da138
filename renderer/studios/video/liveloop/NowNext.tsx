import type { GuideEntry } from '../../../../shared/schemas/video-liveloop.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { useGuide } from '../api/liveloop-hooks.js';
import { clock } from '../player/PlayerControls.js';
import { entryAfter, entryAt, hhmm } from './guide-layout.js';

const WINDOW_MS = 10 * 60_000;

const KIND_LABEL: Record<GuideEntry['kind'], string> = { item: 'Playlist', filler: 'Filler', interstitial: 'Interstitial', slate: 'Slate' };

/**
 * Now / next at the instant on screen (`at`: the player's program time, else the wall clock),
 * read from a small guide window around it that moves every ten minutes.
 */
export function useNowNext(channelId: string, at: number) {
  const base = Math.floor(at / WINDOW_MS) * WINDOW_MS;
  const guide = useGuide(channelId, new Date(base - WINDOW_MS).toISOString(), new Date(base + 3 * WINDOW_MS).toISOString());
  const entries = guide.data?.entries ?? [];
  const now = entryAt(entries, at);
  return { guide, now, next: now ? entryAfter(entries, now) : null };
}

export function NowNext({ at, following, state }: { at: number; following: boolean; state: ReturnType<typeof useNowNext> }) {
  const { guide, now, next } = state;
  if (guide.error) return <ErrorBanner error={guide.error} title="Could not read the guide" onRetry={() => void guide.refetch()} />;
  if (!now) return <p className="muted small">{guide.isLoading ? 'Reading the guide…' : 'Nothing in the guide at this moment.'}</p>;
  const start = Date.parse(now.start);
  const end = Date.parse(now.end);
  const into = Math.max(0, at - start) / 1000;
  return (
    <section className="ll-now card" aria-label="Now and next" data-testid="liveloop-now-next" data-following={following ? 'player' : 'clock'}>
      <div className="ll-now-row">
        <span className="ll-label">Now</span>
        <div className="ll-now-main">
          <h2 className="ll-now-title serif" data-testid="liveloop-now-title" data-item-key={now.itemKey ?? ''} data-kind={now.kind}>
            {now.title || KIND_LABEL[now.kind]}
          </h2>
          <ProgressBar value={(at - start) / Math.max(1, end - start)} label="Progress of the item on air" message={`${clock(into)} of ${clock((end - start) / 1000)} · ${hhmm(start)}–${hhmm(end)}${now.kind === 'item' ? '' : ` · ${KIND_LABEL[now.kind]}`}`} />
        </div>
      </div>
      <div className="ll-now-row ll-next">
        <span className="ll-label">Next</span>
        <p data-testid="liveloop-next-title">
          {next ? (
            <>
              <strong>{next.title || KIND_LABEL[next.kind]}</strong> <span className="muted">at {hhmm(next.start)}</span>
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </p>
      </div>
    </section>
  );
}
