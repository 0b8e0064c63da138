import { useState } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { useRouter } from '../../../app/router.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useVideo } from '../api/hooks.js';
import { videoPaths } from '../nav.js';
import { VideoPlayer } from '../player/VideoPlayer.js';
import { ArcadeLauncher } from '../arcade/ArcadeLauncher.js';
import { WikiChips } from '../player/WikiChips.js';
import { VideoActions } from '../library/VideoActions.js';
import { Assets } from './Assets.js';
import { CreateForm } from './CreateForm.js';
import { JobLog } from './JobLog.js';
import { StageProgress } from './StageProgress.js';

function VideoSummary({ video }: { video: Video }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <section className="card video-summary" aria-labelledby="video-summary-title" data-testid="video-summary">
      <h2 id="video-summary-title">{video.title}</h2>
      <p className="video-prompt">{video.prompt}</p>
      <dl className="kv small">
        <div className="kv-row">
          <dt>Style</dt>
          <dd>{video.style}</dd>
        </div>
        <div className="kv-row">
          <dt>Voice</dt>
          <dd>{video.voice ?? 'default'}</dd>
        </div>
        <div className="kv-row">
          <dt>Language</dt>
          <dd>{video.language}</dd>
        </div>
        <div className="kv-row">
          <dt>Target</dt>
          <dd>{video.durationTarget} s</dd>
        </div>
        <div className="kv-row">
          <dt>Preview first</dt>
          <dd>{video.producePreview ? 'yes' : 'no'}</dd>
        </div>
      </dl>
      <div className="video-summary-actions">
        <button type="button" className="btn btn-secondary" onClick={() => navigate(videoPaths.video(video.id, 'script'))}>
          Edit script
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => navigate(videoPaths.create())}>
          New video
        </button>
      </div>
    </section>
  );
}

/** Centre column: the final when it exists (HLS), else the preview, with a switch between them. */
function Stage({ video }: { video: Video }) {
  const [pick, setPick] = useState<'preview' | 'final' | null>(null);
  const source = pick ?? (video.final ? 'final' : 'preview');
  const playable = source === 'final' ? !!video.final : !!video.preview;
  return (
    <div className="video-stage-col">
      {video.final && video.preview ? (
        <div className="segmented" role="group" aria-label="Which render">
          {(['preview', 'final'] as const).map((s) => (
            <button key={s} type="button" className="segmented-btn" aria-pressed={source === s} onClick={() => setPick(s)}>
              {s === 'preview' ? 'Preview' : 'Final'}
            </button>
          ))}
        </div>
      ) : null}
      {playable ? (
        <VideoPlayer key={`${video.id}-${source}-${source === 'final' ? video.final?.mediaId : video.preview?.mediaId}`} video={video} source={source} />
      ) : (
        <div className="vp-placeholder" data-testid="video-player-placeholder">
          <p>{video.status === 'failed' ? 'Nothing to play: the pipeline stopped before a render.' : 'The preview plays here as soon as the first pass exists.'}</p>
        </div>
      )}
      {playable ? <ArcadeLauncher /> : null}
      <WikiChips video={video} />
      <StageProgress video={video} />
      {video.inLibrary ? <VideoActions video={video} /> : null}
    </div>
  );
}

/** Create, left to right (seed "UI behavior"): prompt editor → preview player → job log and assets. */
export function CreateView({ videoId }: { videoId: string | null }) {
  const q = useVideo(videoId);
  if (!videoId) {
    return (
      <div className="video-create" data-testid="video-create">
        <CreateForm />
        <div className="video-stage-col">
          <div className="vp-placeholder">
            <p>Write a prompt and press Generate: the script, a quick preview and then the final render appear here.</p>
          </div>
        </div>
        <aside className="video-side">
          <EmptyState title="No job yet">The job log and the assets appear here, live, while the video is made.</EmptyState>
        </aside>
      </div>
    );
  }
  if (q.isLoading) return <Loading label="Loading the video…" />;
  if (q.error || !q.data) return <ErrorBanner error={q.error ?? new Error('No such video')} onRetry={() => void q.refetch()} />;
  const video = q.data;
  return (
    <div className="video-create" data-testid="video-create" data-video-id={video.id}>
      <VideoSummary video={video} />
      <Stage video={video} />
      <aside className="video-side">
        <JobLog video={video} />
        <Assets video={video} />
      </aside>
    </div>
  );
}
