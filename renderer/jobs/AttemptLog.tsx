import type { JobAttempt } from '../../shared/schemas/jobs.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { elapsed, formatDateTime, formatDuration } from '../components/format.js';

export function AttemptLog({ attempts }: { attempts: JobAttempt[] }) {
  if (attempts.length === 0) return <p className="muted">Not started yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table attempt-log" data-testid="attempt-log">
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Outcome</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Worker</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a, i) => {
            const ms = elapsed(a.startedAt, a.finishedAt);
            return (
              <tr key={i} data-outcome={a.outcome}>
                <th scope="row">#{a.attempt}</th>
                <td>
                  <StatusBadge status={a.outcome} />
                </td>
                <td>{formatDateTime(a.startedAt)}</td>
                <td>{ms === null ? '—' : formatDuration(ms)}</td>
                <td className="mono">{a.workerPid ?? '—'}</td>
                <td className={a.error ? 'attempt-error' : 'muted'}>{a.error ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
