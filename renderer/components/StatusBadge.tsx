import type { JobAttempt, JobStatus } from '../../shared/schemas/jobs.js';
import type { ProbeStatus } from '../../shared/schemas/system.js';

type BadgeStatus = JobStatus | JobAttempt['outcome'] | ProbeStatus;

const LABELS: Record<BadgeStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  completed_with_problems: 'Completed with problems',
  failed: 'Failed',
  cancelled: 'Cancelled',
  preempted: 'Paused for foreground work',
  ok: 'OK',
  warn: 'Warning',
  error: 'Error',
  missing: 'Missing',
};

/** Colour comes from CSS via data-status; the text label keeps it readable without colour. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  return (
    <span className="badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
