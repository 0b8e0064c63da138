import { useEffect, useRef } from 'react';
import type { GuideEntry } from '../../../../shared/schemas/video-liveloop.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { useVideo } from '../api/hooks.js';
import { clock } from '../player/PlayerControls.js';
import { hhmmss, span } from './guide-layout.js';

const KIND: Record<GuideEntry['kind'], string> = { item: 'Playlist item', filler: 'Filler', interstitial: 'Interstitial', slate: 'Slate (nothing scheduled)' };

/**
 * One guide entry: what, when, and a picture of it. With `offsetSec` (a preview of a given
 * instant) the picture is the frame at that point of the item (its preview MP4, paused there);
 * otherwise the item's poster.
 */
export function EntryCard({ entry, offsetSec, testId }: { entry: GuideEntry; offsetSec?: number; testId: string }) {
  const video = useVideo(entry.videoId);
  const v = video.data;
  const poster = useAuthedMedia(v?.posterMediaId || v?.thumbnailMediaId ? `/media/${v.posterMediaId ?? v.thumbnailMediaId}/file` : null);
  const stillSrc = offsetSec !== undefined ? (v?.preview?.mediaId ?? v?.final?.mediaId ?? null) : null;
  const still = useAuthedMedia(stillSrc ? `/media/${stillSrc}/file` : null);
  const stillRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = stillRef.current;
    if (!el || offsetSec === undefined) return undefined;
    const seek = (): void => {
      el.currentTime = Math.min(offsetSec, Math.max(0, (Number.isFinite(el.duration) ? el.duration : offsetSec) - 0.05));
    };
    if (el.readyState >= 1) seek();
    el.addEventListener('loadedmetadata', seek);
    return () => el.removeEventListener('loadedmetadata', seek);
  }, [still.url, offsetSec]);

  const lengthMs = Date.parse(entry.end) - Date.parse(entry.start);
  return (
    <article className="ll-entry" data-testid={testId} data-kind={entry.kind} data-item-key={entry.itemKey ?? ''}>
      <div className="ll-entry-pic">
        {still.url ? (
          <video ref={stillRef} src={still.url} muted playsInline preload="auto" aria-label={`Frame at ${clock(offsetSec ?? 0)}`} />
        ) : poster.url ? (
          <img src={poster.url} alt="" />
        ) : (
          <span className="muted small">{entry.kind === 'slate' ? 'Slate' : video.isLoading ? '…' : 'No picture'}</span>
        )}
      </div>
      <div className="ll-entry-body">
        <h3 className="serif">{entry.title || KIND[entry.kind]}</h3>
        <p className="small muted">
          {KIND[entry.kind]}
          {entry.slotId ? ' · from the schedule' : ''}
        </p>
        <p className="small mono">
          {hhmmss(entry.start)}–{hhmmss(entry.end)} ({span(lengthMs)})
        </p>
        {offsetSec !== undefined ? <p className="small">{clock(offsetSec)} into it</p> : null}
        {video.error ? <p className="small video-note-warn">This video is no longer in the library.</p> : null}
      </div>
    </article>
  );
}
