import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ChannelItem } from '../../../../shared/schemas/video-liveloop.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { useJob } from '../../../jobs/hooks.js';
import { liveloopKeys } from '../api/liveloop-keys.js';

const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'completed_with_problems']);

/** The normalisation job, live: the events socket keeps the job's cache entry current. */
function NormalizeProgress({ channelId, item }: { channelId: string; item: ChannelItem & { jobId: string } }) {
  const qc = useQueryClient();
  const job = useJob(item.jobId);
  const status = job.data?.status;
  // The job ended: the channel row now says ready or failed.
  useEffect(() => {
    if (status && ENDED.has(status)) {
      void qc.invalidateQueries({ queryKey: liveloopKeys.channel(channelId) });
      void qc.invalidateQueries({ queryKey: liveloopKeys.timeline(channelId) });
    }
  }, [status, channelId, qc]);
  const progress = Math.max(item.progress, job.data?.progress ?? 0);
  return <ProgressBar value={progress} label={`Normalising ${item.title}`} message={job.data?.progressMessage ?? 'normalising to the channel profile'} />;
}

/** Where an item stands on its way to air. */
export function ItemState({ channelId, item }: { channelId: string; item: ChannelItem }) {
  if (item.state === 'normalizing') {
    return (
      <div className="ll-item-state" data-state="normalizing" data-testid="liveloop-item-state">
        {item.jobId ? <NormalizeProgress channelId={channelId} item={{ ...item, jobId: item.jobId }} /> : <ProgressBar value={item.progress} label={`Normalising ${item.title}`} message="waiting for its job" />}
      </div>
    );
  }
  if (item.state === 'ready') {
    return (
      <span className="ll-item-state small" data-state="ready" data-testid="liveloop-item-state" title={item.original ? 'Its own HLS matches the channel' : 'A normalised copy goes on air'}>
        Ready{item.original ? '' : ' · normalised'}
      </span>
    );
  }
  return (
    <span className="ll-item-state small" data-state={item.state} data-testid="liveloop-item-state" role="status">
      {item.state === 'missing' ? 'Missing' : 'Failed'}: {item.error ?? 'unknown reason'} · skipped on air
    </span>
  );
}
