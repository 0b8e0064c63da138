import { useJobLogStore, type JobLogLine } from './logStore.js';

const NO_LINES: JobLogLine[] = [];

/** job.log lines received while this page was open. */
export function LiveLog({ jobId }: { jobId: string }) {
  const lines = useJobLogStore((s) => s.logs[jobId]) ?? NO_LINES;
  if (lines.length === 0) return null;
  return (
    <section className="job-section">
      <h3>Live log</h3>
      <ol className="live-log" aria-live="polite">
        {lines.map((l, i) => (
          <li key={`${l.at}-${i}`} data-level={l.level}>
            <span className="log-level">{l.level}</span> {l.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
