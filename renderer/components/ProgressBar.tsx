interface ProgressBarProps {
  /** 0..1 */
  value: number;
  label: string;
  /** Shown beside the bar, e.g. the job's progressMessage. */
  message?: string | null;
  tone?: 'active' | 'done' | 'problems' | 'failed' | 'muted';
}

/**
 * A job that ended without its result (failed, cancelled) shows no percentage: "100%" next to a
 * failure reads as success. Its message says what happened instead.
 */
export function ProgressBar({ value, label, message, tone = 'active' }: ProgressBarProps) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const ended = tone === 'failed' || tone === 'muted';
  return (
    <div className="progress">
      <div
        className={`progress-track progress-${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={ended ? (message ?? 'Ended') : message ? `${pct}% — ${message}` : `${pct}%`}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="progress-caption">
        {ended ? null : <span className="progress-pct">{pct}%</span>}
        {message ? <span className="progress-message">{message}</span> : null}
      </div>
    </div>
  );
}
