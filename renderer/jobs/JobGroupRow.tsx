import { useState } from 'react';
import { jobKindSpec } from '../../shared/jobs/registry.js';
import { JOB_STATUSES } from '../../shared/schemas/jobs.js';
import { StatusBadge } from '../components/StatusBadge.js';
import type { JobGroup } from './grouping.js';
import { JobRow } from './JobRow.js';

const SHOWN_REASONS = 4;

/** "45 × shader.render": the run's outcomes and why its jobs failed, the jobs themselves on demand. */
export function JobGroupRow({ group }: { group: JobGroup }) {
  const [open, setOpen] = useState(false);
  const spec = jobKindSpec(group.kind);
  const listId = `job-group-${group.jobs[0]!.id}`;
  return (
    <li className="job-group" data-testid="job-group" data-kind={group.kind} data-count={group.jobs.length}>
      <div className="job-head">
        <div className="job-title">
          <span className="job-group-count">{group.jobs.length} ×</span>
          <span className="job-kind mono">{group.kind}</span>
          {spec ? <span className="job-kind-title">{spec.title}</span> : null}
        </div>
        <button type="button" className="btn btn-ghost" aria-expanded={open} aria-controls={listId} data-testid="job-group-toggle" onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide jobs' : 'Show jobs'}
        </button>
      </div>
      <ul className="job-group-statuses" aria-label="Outcomes">
        {JOB_STATUSES.filter((s) => group.byStatus[s]).map((s) => (
          <li key={s} data-testid={`job-group-${s}`}>
            <StatusBadge status={s} /> <span className="mono">{group.byStatus[s]}</span>
          </li>
        ))}
      </ul>
      {group.reasons.length ? (
        <ul className="job-group-reasons" aria-label="Failure reasons" data-testid="job-group-reasons">
          {group.reasons.slice(0, SHOWN_REASONS).map((r) => (
            <li key={`${r.status}:${r.reason}`} className={r.status === 'failed' ? 'job-error' : 'job-problem'}>
              {r.count > 1 ? <span className="job-reason-count">{r.count} ×</span> : null} {r.reason}
            </li>
          ))}
          {group.reasons.length > SHOWN_REASONS ? <li className="muted small">and {group.reasons.length - SHOWN_REASONS} other reasons (show the jobs)</li> : null}
        </ul>
      ) : null}
      {open ? (
        <ol className="job-list" id={listId}>
          {group.jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
