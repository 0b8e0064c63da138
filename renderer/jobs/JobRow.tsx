import { useState } from 'react';
import { jobKindSpec } from '../../shared/jobs/registry.js';
import type { Job, JobStatus } from '../../shared/schemas/jobs.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { elapsed, formatDateTime, formatDuration } from '../components/format.js';
import { JobDetails } from './JobDetails.js';
import { useCancelJob, useRetryJob } from './hooks.js';

function tone(status: JobStatus): 'active' | 'done' | 'problems' | 'failed' | 'muted' {
  if (status === 'succeeded') return 'done';
  if (status === 'completed_with_problems') return 'problems';
  if (status === 'failed') return 'failed';
  if (status === 'cancelled') return 'muted';
  return 'active';
}

export function JobRow({ job }: { job: Job }) {
  const [expanded, setExpanded] = useState(false);
  const cancel = useCancelJob();
  const retry = useRetryJob();
  const spec = jobKindSpec(job.kind);
  const canCancel = job.status === 'queued' || job.status === 'running';
  // A job whose input is at fault would fail the same way again: say why instead of offering Retry.
  const refusal = job.status === 'failed' ? job.retryRefusal : null;
  const canRetry = !refusal && (job.status === 'failed' || job.status === 'cancelled' || job.status === 'completed_with_problems');
  const took = elapsed(job.startedAt, job.finishedAt);
  const detailsId = `job-details-${job.id}`;
  const actionError = cancel.error ?? retry.error;

  return (
    <li className="job-row" data-testid="job-row" data-job-id={job.id} data-kind={job.kind} data-status={job.status}>
      <div className="job-head">
        <div className="job-title">
          <span className="job-kind mono">{job.kind}</span>
          {spec ? <span className="job-kind-title">{spec.title}</span> : null}
        </div>
        <StatusBadge status={job.status} />
      </div>

      <ProgressBar value={job.progress} label={`Progress of ${job.kind}`} message={job.progressMessage} tone={tone(job.status)} />

      <dl className="job-meta">
        <div>
          <dt>Attempts</dt>
          <dd data-testid="job-attempts">
            {job.attempts} / {job.maxAttempts}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>
          </dd>
        </div>
        {took !== null ? (
          <div>
            <dt>Took</dt>
            <dd>{formatDuration(took)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Resource</dt>
          <dd>{job.resource}</dd>
        </div>
      </dl>

      {job.error && (job.status === 'failed' || job.status === 'cancelled') ? (
        <p className="job-error" data-testid="job-error">
          {job.error}
        </p>
      ) : null}
      {job.error && job.status === 'completed_with_problems' ? (
        <p className="job-problem" data-testid="job-problem">
          {job.error}
        </p>
      ) : null}
      {actionError ? <ErrorBanner title="That did not work" error={actionError} /> : null}

      <div className="job-actions">
        {canCancel ? (
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="job-cancel"
            disabled={cancel.isPending || job.cancelRequested}
            onClick={() => {
              retry.reset();
              cancel.mutate(job.id);
            }}
          >
            {job.cancelRequested || cancel.isPending ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
        {refusal ? (
          <span className="job-retry-refusal muted" data-testid="job-retry-refusal">
            Not retryable: {refusal}
          </span>
        ) : null}
        {canRetry ? (
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="job-retry"
            disabled={retry.isPending}
            onClick={() => {
              cancel.reset();
              retry.mutate(job.id);
            }}
          >
            {retry.isPending ? 'Retrying…' : 'Retry'}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={expanded}
          aria-controls={detailsId}
          data-testid="job-toggle"
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded ? 'Hide details' : 'Details'}
        </button>
      </div>

      {expanded ? <JobDetails id={detailsId} job={job} /> : null}
    </li>
  );
}
