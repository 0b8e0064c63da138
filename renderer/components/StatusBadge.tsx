import type { JobStatus } from '../../shared/schemas/jobs.js';
import type { ProbeStatus } from '../../shared/schemas/system.js';

const LABELS: Record<JobStatus | ProbeStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  ok: 'OK',
  warn: 'Warning',
  error: 'Error',
  missing: 'Missing',
};

/** Colour comes from CSS via data-status; the text label keeps it readable without colour. */
export function StatusBadge({ status }: { status: JobStatus | ProbeStatus }) {
  return (
    <span className="badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
