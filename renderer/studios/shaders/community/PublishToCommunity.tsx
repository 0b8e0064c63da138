import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Job } from '../../../../shared/schemas/jobs.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';

const ACTIVE = new Set<Job['status']>(['queued', 'running']);

/**
 * "Publish to community" on a shader: queues a community.publish job in the host (which holds
 * the relay sign-in) and follows it: queued → publishing → published, or the failure's reason
 * (e.g. relay unreachable) with a Retry that re-runs the same job.
 */
export function PublishToCommunity({ shaderId }: { shaderId: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () => api.call('community.publish', { body: { shaderId } }),
    onSuccess: (job) => setJobId(job.id),
  });
  const retry = useMutation({ mutationFn: (id: string) => api.call('jobs.retry', { params: { id } }) });
  const job = useQuery({
    queryKey: ['community-publish', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id: jobId! }, signal }),
    refetchInterval: (q) => (!q.state.data || ACTIVE.has(q.state.data.status) ? 1000 : false),
  });
  const j = job.data;
  const busy = publish.isPending || retry.isPending || (j ? ACTIVE.has(j.status) : jobId !== null);
  const relayItemId = (j?.result as { relayItemId?: string } | null | undefined)?.relayItemId;

  let note: ReactNode = null;
  if (publish.error) note = <span className="community-publish-error">{errorMessage(publish.error)}</span>;
  else if (retry.error) note = <span className="community-publish-error">{errorMessage(retry.error)}</span>;
  else if (j?.status === 'queued') note = <span>Queued: publishes as soon as a worker is free.</span>;
  else if (j?.status === 'running') note = <span>Publishing to the community relay…</span>;
  else if (j?.status === 'succeeded') note = <span>Published to the community{relayItemId ? ` (item ${relayItemId.slice(0, 8)})` : ''}.</span>;
  else if (j && (j.status === 'failed' || j.status === 'cancelled' || j.status === 'completed_with_problems')) {
    const reason = j.error ?? j.status;
    note = (
      <span className="community-publish-error">
        Failed: {/could not be reached/.test(reason) ? 'relay unreachable' : reason.replace(/^Saving the result failed: /, '')}{' '}
        <button type="button" className="btn btn-ghost" data-testid="community-publish-retry" disabled={retry.isPending} onClick={() => retry.mutate(j.id, { onSuccess: () => void job.refetch() })}>
          Retry
        </button>
        {/could not be reached/.test(reason) ? <small title={reason}> (details)</small> : null}
      </span>
    );
  }

  return (
    <span className="community-publish" data-testid="community-publish" data-status={j?.status ?? (publish.error ? 'refused' : 'idle')} style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
      <button type="button" className="btn btn-secondary" data-testid="community-publish-button" disabled={busy} onClick={() => publish.mutate()} title="Upload this shader with its thumbnail and provenance to your community relay (Settings → Community)">
        Publish to community
      </button>
      {note ? (
        <span className="community-publish-note" role="status" aria-live="polite">
          {note}
        </span>
      ) : null}
    </span>
  );
}
