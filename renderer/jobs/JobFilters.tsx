import { JOB_STATUSES, type JobCounts, type JobStatus } from '../../shared/schemas/jobs.js';

const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  completed_with_problems: 'With problems',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

interface Props {
  status: JobStatus | undefined;
  kind: string | undefined;
  counts: JobCounts | undefined;
  onStatus(status: JobStatus | undefined): void;
  onKind(kind: string | undefined): void;
}

/** Status chips and a kind menu, each with how many jobs it holds (counts for the chosen kind). */
export function JobFilters({ status, kind, counts, onStatus, onKind }: Props) {
  const scope = kind ? counts?.byKind.find((k) => k.kind === kind) : counts;
  const n = (s: JobStatus | undefined) => (scope ? (s ? scope.byStatus[s] : scope.total) : undefined);
  const chip = (s: JobStatus | undefined, label: string) => (
    <button
      key={s ?? 'all'}
      type="button"
      className="job-chip"
      data-status={s ?? 'all'}
      aria-pressed={status === s}
      data-testid={`job-filter-${s ?? 'all'}`}
      onClick={() => onStatus(s)}
    >
      {label}
      {n(s) !== undefined ? <span className="job-chip-count">{n(s)}</span> : null}
    </button>
  );
  return (
    <div className="job-filters" role="group" aria-label="Filter jobs">
      <div className="job-chips">
        {chip(undefined, 'All')}
        {JOB_STATUSES.filter((s) => s === status || (scope?.byStatus[s] ?? 0) > 0).map((s) => chip(s, STATUS_LABELS[s]))}
      </div>
      <label className="job-kind-filter">
        <span>Kind</span>
        <select value={kind ?? ''} data-testid="job-filter-kind" onChange={(e) => onKind(e.target.value || undefined)}>
          <option value="">All kinds{counts ? ` (${counts.total})` : ''}</option>
          {(counts?.byKind ?? []).map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.kind} ({k.total}
              {k.byStatus.failed ? `, ${k.byStatus.failed} failed` : ''})
            </option>
          ))}
          {kind && !counts?.byKind.some((k) => k.kind === kind) ? <option value={kind}>{kind}</option> : null}
        </select>
      </label>
    </div>
  );
}
