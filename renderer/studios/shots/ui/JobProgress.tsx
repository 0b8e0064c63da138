import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { TERMINAL_STATUSES, type Job } from '../../../../shared/schemas/jobs.js';
import { api } from '../../../api/client.js';
import { useEventsStore } from '../../../api/eventsStore.js';
import { queryKeys } from '../../../api/keys.js';
import { ProgressBar } from '../../../components/ProgressBar.js';

const isTerminal = (job: Job | undefined) => !!job && TERMINAL_STATUSES.includes(job.status);

/** A job followed live (job.updated events patch the same cache entry); polls only while events are down. */
export function useWatchedJob(jobId: string | null) {
  const live = useEventsStore((s) => s.state === 'open');
  return useQuery({
    queryKey: queryKeys.jobs.detail(jobId ?? ''),
    queryFn: ({ signal }) => api.call('jobs.get', { params: { id: jobId! }, signal }),
    enabled: !!jobId,
    refetchInterval: (q) => (isTerminal(q.state.data) ? false : live ? 10_000 : 1_500),
  });
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  const first = end >= 0 ? text.slice(0, end + 1) : text;
  return first.length > 180 ? `${first.slice(0, 177)}…` : first;
}

const TONE: Record<Job['status'], 'active' | 'done' | 'problems' | 'failed' | 'muted'> = {
  queued: 'active',
  running: 'active',
  succeeded: 'done',
  completed_with_problems: 'problems',
  failed: 'failed',
  cancelled: 'muted',
};

interface JobProgressProps {
  jobId: string | null;
  label: string;
  /** Invalidate what the job wrote once it ends. */
  onSettled?: (job: Job) => void;
  /** Hide the bar once the job succeeded (its result is on screen instead). */
  hideWhenDone?: boolean;
  /**
   * When the data showing this job was fetched (ms). A job that ended after it settles too, even
   * if it was never seen running (it can finish between the mutation and the first look).
   */
  dataUpdatedAt?: number;
}

// Host and browser clocks may differ a little (a LAN client): lean towards one refresh too many.
const CLOCK_SLACK_MS = 5_000;

export function JobProgress({ jobId, label, onSettled, hideWhenDone, dataUpdatedAt }: JobProgressProps) {
  const job = useWatchedJob(jobId).data;
  const settledFor = useRef<string | null>(null);
  const wasActive = useRef(false);
  useEffect(() => {
    if (!job) return;
    if (!isTerminal(job)) {
      wasActive.current = true;
      return;
    }
    // A job we saw running, or one that ended after the data on screen was read, ends "now";
    // an old finished job needs no refresh. Once per job, so a refresh never loops.
    const endedAt = Date.parse(job.finishedAt ?? job.updatedAt);
    const endedAfterData = dataUpdatedAt !== undefined && endedAt > dataUpdatedAt - CLOCK_SLACK_MS;
    if ((wasActive.current || endedAfterData) && settledFor.current !== job.id) {
      settledFor.current = job.id;
      onSettled?.(job);
    }
  }, [job, onSettled, dataUpdatedAt]);
  if (!job) return null;
  if (hideWhenDone && job.status === 'succeeded') return null;
  // A problem or failure reason can list every provider tried: the first sentence on the bar, all of it on hover.
  const reason = job.status === 'failed' || job.status === 'completed_with_problems' ? (job.error ?? job.progressMessage ?? 'no reason given') : null;
  const message =
    job.status === 'failed'
      ? `Failed: ${firstSentence(reason!)}`
      : reason
        ? firstSentence(reason)
        : job.status === 'queued'
          ? 'Queued'
          : (job.progressMessage ?? job.status.replace(/_/g, ' '));
  return (
    <div className="shots-job" data-testid="shots-job" data-status={job.status} title={reason ?? undefined}>
      <ProgressBar value={job.progress} label={label} message={message} tone={TONE[job.status]} />
    </div>
  );
}
