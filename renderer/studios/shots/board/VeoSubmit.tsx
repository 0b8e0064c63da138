import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Shot } from '../../../../shared/schemas/shots.js';
import { api } from '../../../api/client.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { errorMessage } from '../../../api/errors.js';
import { upsertJob } from '../../../jobs/cache.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import { useProviderSettings } from '../../../settings/providers/hooks.js';
import { shotsKeys } from '../api/keys.js';
import { JobProgress } from '../ui/JobProgress.js';
import { notify } from '../ui/notices.js';

/**
 * "Submit to Veo" on a shot with a ready payload, offered only when the host reports a Gemini key
 * (Settings → Providers); the submission's progress, then the clip (or why there is none).
 */
export function VeoSubmit({ projectId, shot, index }: { projectId: string; shot: Shot; index: number }) {
  const qc = useQueryClient();
  const keySet = useProviderSettings().data?.secrets.gemini?.set === true;
  const veo = shot.veo ?? null;
  const active = veo?.status === 'queued' || veo?.status === 'running';
  const submit = useMutation({
    mutationFn: () => api.call('shots.veoSubmit', { params: { id: shot.id }, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => {
      upsertJob(qc, job);
      void qc.invalidateQueries({ queryKey: shotsKeys.board(projectId) });
    },
    onError: (err) => notify.error(`Not sent to Veo: ${errorMessage(err)}`),
  });
  const canSubmit = keySet && shot.status === 'ready' && !!shot.veoPayload;
  if (!canSubmit && !veo) return null;
  return (
    <div className="shots-veo" data-testid="shots-veo">
      {veo ? (
        <JobProgress
          jobId={veo.jobId}
          label={`Veo clip for shot ${index + 1}`}
          hideWhenDone
          onSettled={() => void qc.invalidateQueries({ queryKey: shotsKeys.board(projectId) })}
          dataUpdatedAt={qc.getQueryState(shotsKeys.board(projectId))?.dataUpdatedAt}
        />
      ) : null}
      {veo?.mediaId ? <VeoClip mediaId={veo.mediaId} model={veo.model} /> : null}
      {canSubmit ? (
        <button type="button" className="btn btn-secondary btn-tight" onClick={() => submit.mutate()} disabled={active || submit.isPending}>
          {active ? 'Veo is generating…' : veo?.mediaId ? 'Submit to Veo again' : 'Submit to Veo'}
        </button>
      ) : null}
    </div>
  );
}

function VeoClip({ mediaId, model }: { mediaId: string; model: string | null }) {
  const media = useAuthedMedia(`/media/${mediaId}/file`);
  if (media.error) return <p className="shots-error">Veo clip not loaded: {media.error}</p>;
  if (!media.url) return null;
  return (
    <figure className="shots-veo-clip" style={{ margin: 0 }}>
      <video className="shots-animatic" src={media.url} controls data-testid="shots-veo-clip" />
      <figcaption className="muted small">Veo 3.1 · {model ?? 'unknown model'}</figcaption>
    </figure>
  );
}
