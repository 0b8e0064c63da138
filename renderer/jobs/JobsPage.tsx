import { useMemo } from 'react';
import './jobs.css';
import { systemDiagnose } from '../../shared/jobs/system-diagnose.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { Page } from '../components/Page.js';
import { GpuStatus } from './GpuStatus.js';
import { JobRow } from './JobRow.js';
import { useCreateJob, useJobs } from './hooks.js';

export function JobsPage() {
  const jobs = useJobs();
  const create = useCreateJob();
  // The API lists newest first already; sorting again keeps live-inserted jobs in place.
  const list = useMemo(
    () => (jobs.data ? [...jobs.data.jobs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)) : []),
    [jobs.data],
  );

  const runButton = (
    <button
      type="button"
      className="btn btn-cta"
      data-testid="run-diagnose"
      disabled={create.isPending}
      onClick={() => create.mutate({ kind: systemDiagnose.kind, input: {} })}
    >
      {create.isPending ? 'Queueing…' : 'Run diagnostics'}
    </button>
  );

  return (
    <Page
      id="jobs"
      title="Jobs"
      lead="Background work runs in worker processes, one queue for every studio. Progress updates live."
      actions={
        <>
          <GpuStatus />
          {runButton}
        </>
      }
    >
      {create.error ? <ErrorBanner title="Could not queue diagnostics" error={create.error} /> : null}
      {jobs.error ? <ErrorBanner title="Could not load jobs" error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {jobs.isPending ? <Loading label="Loading jobs…" /> : null}
      {jobs.data && list.length === 0 ? (
        <EmptyState title="No jobs yet">
          <p>Run diagnostics to check this machine — the job and its progress will appear here.</p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <ol className="job-list" aria-label="Jobs, newest first">
          {list.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ol>
      ) : null}
    </Page>
  );
}
