import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { useRenderVideo, useUpdateScene, useVideo, isVideoActive } from '../api/hooks.js';
import { StageProgress } from '../create/StageProgress.js';
import { SceneEditor } from './SceneEditor.js';

/**
 * The script editor: scene text, lines, durations and order. Saving marks the scene edited; a
 * re-render redoes only the edited scenes (the others come from the render cache).
 */
export function ScriptView({ videoId }: { videoId: string }) {
  const q = useVideo(videoId);
  const update = useUpdateScene(videoId);
  const render = useRenderVideo();
  if (q.isLoading) return <Loading label="Loading the script…" />;
  if (q.error || !q.data) return <ErrorBanner error={q.error ?? new Error('No such video')} />;
  const video = q.data;
  const script = video.script;
  const busy = update.isPending || render.isPending;
  return (
    <section className="video-script" data-testid="video-script" aria-label="Script">
      <div className="video-script-head">
        <div>
          <h2>{script?.title ?? video.title}</h2>
          {video.scriptSource ? (
            <p className="muted small" title={video.scriptSource.note ?? undefined}>
              {video.scriptSource.writer === 'offline'
                ? 'Written by the offline script writer (not an LLM).'
                : video.scriptSource.writer === 'edited'
                  ? 'Edited by you.'
                  : `Written by ${video.scriptSource.provider ?? 'an LLM'}${video.scriptSource.model ? ` (${video.scriptSource.model})` : ''}.`}{' '}
              Edits apply at the next render; unchanged scenes come from the cache.
            </p>
          ) : null}
        </div>
        {video.dirtyScenes.length ? (
          <button type="button" className="btn btn-cta" disabled={busy || isVideoActive(video)} onClick={() => render.mutate({ id: video.id, from: 'auto' })} data-testid="video-rerender-all">
            Re-render {video.dirtyScenes.length} edited scene{video.dirtyScenes.length === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
      {isVideoActive(video) || video.status === 'failed' ? <StageProgress video={video} /> : null}
      {update.error ? <ErrorBanner error={update.error} title="Could not save the scene" /> : null}
      {render.error ? <ErrorBanner error={render.error} title="Could not re-render" /> : null}
      {!script ? (
        <EmptyState title="No script yet">{isVideoActive(video) ? 'The writer is still at work.' : 'The script stage did not finish: retry it from Create.'}</EmptyState>
      ) : (
        <ol className="scene-list">
          {script.scenes.map((scene, i) => (
            <SceneEditor
              key={`${scene.id}:${JSON.stringify(scene)}`}
              scene={scene}
              index={i}
              count={script.scenes.length}
              dirty={video.dirtyScenes.includes(scene.id)}
              busy={busy || isVideoActive(video)}
              onMove={(to) => update.mutate({ sceneId: scene.id, body: { order: to } })}
              onSave={(body, rerender) =>
                update.mutate(
                  { sceneId: scene.id, body },
                  { onSuccess: () => (rerender ? render.mutate({ id: video.id, from: 'auto' }) : undefined) },
                )
              }
            />
          ))}
        </ol>
      )}
    </section>
  );
}
