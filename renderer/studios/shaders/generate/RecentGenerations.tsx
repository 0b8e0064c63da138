import { useJobs } from '../../../jobs/hooks.js';
import { relativeTime } from '../ui/time.js';

const FILTER = { kind: 'shader.generate', limit: 8 } as const;

function promptOf(input: unknown): string {
  return input && typeof input === 'object' && 'prompt' in input && typeof input.prompt === 'string' ? input.prompt : '(no prompt)';
}

/** The last few generations, to go back to one. */
export function RecentGenerations({ current, onPick }: { current: string | null; onPick(id: string): void }) {
  const jobs = useJobs(FILTER);
  const list = jobs.data?.jobs ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card recent-generations">
      <h3>Recent generations</h3>
      <ul>
        {list.map((j) => (
          <li key={j.id}>
            <button type="button" className="recent-gen" aria-current={j.id === current} onClick={() => onPick(j.id)}>
              <span className="badge" data-status={j.status}>
                {j.status}
              </span>
              <span className="recent-gen-prompt">{promptOf(j.input)}</span>
              <span className="muted small">{relativeTime(j.createdAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
