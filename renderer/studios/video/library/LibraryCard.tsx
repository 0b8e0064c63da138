import { useState, type MouseEvent } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { errorMessage } from '../../../api/errors.js';
import { useRouter } from '../../../app/router.js';
import { usePublishedIds } from '../../../community/usePublished.js';
import { useDeleteVideo } from '../api/hooks.js';
import { videoPaths } from '../nav.js';
import { clock } from '../player/PlayerControls.js';
import { VideoActions } from './VideoActions.js';

export function LibraryCard({ video }: { video: Video }) {
  const navigate = useRouter((s) => s.navigate);
  const thumb = useAuthedMedia(video.thumbnailMediaId ? `/media/${video.thumbnailMediaId}/file` : null);
  const del = useDeleteVideo();
  const [confirming, setConfirming] = useState(false);
  const onCommunity = usePublishedIds('video').has(video.id);
  const href = videoPaths.video(video.id);
  const open = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <li className="vlib-card" data-testid="video-card" data-video-id={video.id} data-status={video.status}>
      <a className="vlib-thumb" href={href} onClick={open} aria-label={`Open ${video.title}`}>
        {thumb.url ? <img src={thumb.url} alt="" /> : <span className="muted small">{video.status === 'completed' ? 'No thumbnail' : video.status.replace(/_/g, ' ')}</span>}
        {video.durationSec ? <span className="vlib-duration mono">{clock(video.durationSec)}</span> : null}
      </a>
      <div className="vlib-body">
        <h3 className="vlib-title serif">
          <a href={href} onClick={open}>
            {video.title}
          </a>
        </h3>
        <p className="muted small">
          {new Date(video.createdAt).toLocaleString()} · {video.languages.join(', ') || video.language}
          {video.published ? ' · published' : ' · private'}
          {onCommunity ? ' · on community' : ''}
        </p>
        {video.inLibrary ? <VideoActions video={video} compact /> : null}
        <div className="vlib-delete">
          {confirming ? (
            <>
              <span className="small">Delete “{video.title}” and its files?</span>
              <button type="button" className="btn btn-danger btn-small" disabled={del.isPending} onClick={() => del.mutate(video.id)} data-testid="video-delete-confirm">
                {del.isPending ? 'Deleting…' : 'Delete'}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} data-testid="video-delete">
              Delete…
            </button>
          )}
          {del.error ? <p className="video-note-warn small">{errorMessage(del.error)}</p> : null}
        </div>
      </div>
    </li>
  );
}
