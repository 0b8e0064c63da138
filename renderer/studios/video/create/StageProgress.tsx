import type { Video } from '../../../../shared/schemas/video.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { useRenderVideo } from '../api/hooks.js';
import { stageViews, STAGE_LABELS, type StageName, type StageState } from './stages.js';

const TONE: Record<StageState, 'active' | 'done' | 'failed' | 'muted'> = {
  pending: 'muted',
  active: 'active',
  done: 'done',
  failed: 'failed',
  skipped: 'muted',
};

const STATE_TEXT: Record<StageState, string> = { pending: 'Waiting', active: 'Running', done: 'Done', failed: 'Failed', skipped: 'Skipped' };

/** A bar per stage (queued → generating_script → rendering_preview → rendering_final → composing → completed | failed), the failure and a retry. */
export function StageProgress({ video }: { video: Video }) {
  const render = useRenderVideo();
  const stages = stageViews(video);
  const failedStage = video.error ? (STAGE_LABELS[video.error.stage as StageName] ?? video.error.stage.replace(/_/g, ' ')) : null;
  return (
    <section className="video-stages card" data-testid="video-stages" data-status={video.status} aria-label="Pipeline stages">
      <div className="video-stages-head">
        <h2>Progress</h2>
        <span className="badge" data-status={video.status === 'completed' ? 'succeeded' : video.status === 'failed' ? 'failed' : 'running'} data-testid="video-status">
          {video.status.replace(/_/g, ' ')}
        </span>
      </div>
      <ol className="video-stage-list">
        {stages.map((s) => (
          <li key={s.stage} className="video-stage" data-stage={s.stage} data-state={s.state} data-testid={`video-stage-${s.stage}`}>
            <div className="video-stage-name">
              <span>{s.label}</span>
              <span className="muted small">{STATE_TEXT[s.state]}</span>
            </div>
            <ProgressBar
              value={s.progress}
              label={`${s.label} stage`}
              tone={TONE[s.state]}
              message={s.state === 'active' ? video.progressMessage : s.state === 'failed' ? 'Failed' : null}
            />
          </li>
        ))}
      </ol>
      {video.status === 'failed' && video.error ? (
        <div className="video-failure" role="alert" data-testid="video-failure">
          <p>
            <strong>Failed in {failedStage}</strong>
            <span className="muted"> · provider {video.error.provider}</span>
          </p>
          <p className="video-failure-message">{video.error.message}</p>
          <p className="muted small">Finished pieces are kept: a retry resumes at this stage and reuses cached scenes.</p>
          <button type="button" className="btn btn-cta" disabled={render.isPending} onClick={() => render.mutate({ id: video.id, from: 'auto' })}>
            {render.isPending ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      ) : null}
      {video.status !== 'failed' && video.error ? (
        <p className="video-note-warn small" data-testid="video-followup-error">
          {video.error.stage.replace(/_/g, ' ')} ({video.error.provider}) failed: {video.error.message}
        </p>
      ) : null}
      {render.error ? <ErrorBanner error={render.error} title="Could not retry" /> : null}
    </section>
  );
}
