import { useMemo, useState } from 'react';
import './jobs.css';
import { systemDiagnose } from '../../shared/jobs/system-diagnose.js';
import type { JobStatus } from '../../shared/schemas/jobs.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { Page } from '../components/Page.js';
import { GpuStatus } from './GpuStatus.js';
import { JobFilters } from './JobFilters.js';
import { JobGroupRow } from './JobGroupRow.js';
import { JobRow } from './JobRow.js';
import { groupJobs } from './grouping.js';
import { useCreateJob, useJobCounts, useJobs } from './hooks.js';

const PAGE_SIZE = 50;
/** Runs this long of one kind collapse into a group ("45 × shader.render"). */
const GROUP_AT = 3;

export function JobsPage() {
  const [status, setStatus] = useState<JobStatus | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  // Cursors of the pages before the current one: [] on the first page.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const filter = useMemo(() => ({ limit: PAGE_SIZE, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }), [status, kind, cursor]);
  const jobs = useJobs(filter);
  const counts = useJobCounts(jobs.data);
  const create = useCreateJob();
  // The API lists newest first already; sorting again keeps live-inserted jobs in place.
  const list = useMemo(
    () => (jobs.data ? [...jobs.data.jobs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)) : []),
    [jobs.data],
  );
  // Filtered to one kind, the jobs themselves are what the user asked to see: no grouping.
  const groups = useMemo(() => groupJobs(list), [list]);
  const refilter = (next: { status?: JobStatus; kind?: string }) => {
    setCursors([]);
    if ('status' in next) setStatus(next.status);
    if ('kind' in next) setKind(next.kind);
  };
  const total = counts.data ? (kind ? (counts.data.byKind.find((k) => k.kind === kind)?.byStatus ?? null) : counts.data.byStatus) : null;
  const matching = counts.data ? (status ? (total?.[status] ?? 0) : kind ? (counts.data.byKind.find((k) => k.kind === kind)?.total ?? 0) : counts.data.total) : null;
  const from = cursors.length * PAGE_SIZE + 1;

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
      <JobFilters status={status} kind={kind} counts={counts.data} onStatus={(s) => refilter({ status: s })} onKind={(k) => refilter({ kind: k })} />
      {create.error ? <ErrorBanner title="Could not queue diagnostics" error={create.error} /> : null}
      {jobs.error ? <ErrorBanner title="Could not load jobs" error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {jobs.isPending ? <Loading label="Loading jobs…" /> : null}
      {jobs.data && list.length === 0 ? (
        status || kind ? (
          <EmptyState title="No jobs match these filters">
            <p>Choose “All” or another kind to see the rest.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No jobs yet">
            <p>Run diagnostics to check this machine — the job and its progress will appear here.</p>
          </EmptyState>
        )
      ) : null}
      {list.length > 0 ? (
        <ol className="job-list" aria-label="Jobs, newest first" data-testid="job-list">
          {kind
            ? list.map((job) => <JobRow key={job.id} job={job} />)
            : groups.flatMap((g) => (g.jobs.length >= GROUP_AT ? [<JobGroupRow key={`g-${g.jobs[0]!.id}`} group={g} />] : g.jobs.map((job) => <JobRow key={job.id} job={job} />)))}
        </ol>
      ) : null}
      {list.length > 0 && (cursors.length > 0 || jobs.data?.nextCursor) ? (
        <nav className="job-pager" aria-label="Pages" data-testid="job-pager">
          <button type="button" className="btn btn-secondary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer
          </button>
          <span className="muted small" data-testid="job-page-range">
            {from}–{from + list.length - 1}
            {matching !== null ? ` of ${matching}` : ''}
          </span>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="job-page-older"
            disabled={!jobs.data?.nextCursor}
            onClick={() => jobs.data?.nextCursor && setCursors((c) => [...c, jobs.data!.nextCursor!])}
          >
            Older
          </button>
        </nav>
      ) : null}
    </Page>
  );
}
