import type { GenerationAttempt } from '../../../../shared/jobs/shader-generate.js';
import { formatDuration } from '../../../components/format.js';

const where = (pass: string, line: number): string => `${pass === 'image' ? 'Image' : pass === 'common' ? 'Common' : `Buffer ${pass}`}${line ? `:${line}` : ''}`;

/** Each write → check → render round, with the compiler's complaints when it failed. */
export function Attempts({ attempts }: { attempts: GenerationAttempt[] }) {
  return (
    <ol className="attempts" data-testid="generate-attempts">
      {attempts.map((a) => (
        <li key={a.n} className="attempt" data-ok={a.ok}>
          <div className="attempt-head">
            <strong>Attempt {a.n}</strong>
            <span className="status-chip" data-status={a.ok ? 'ready' : 'failed'}>
              {a.ok ? 'passed' : (a.failure?.code.replace(/_/g, ' ') ?? 'failed')}
            </span>
            <span className="muted small">{formatDuration(a.ms)}</span>
          </div>
          {a.failure ? <p className="attempt-failure">{a.failure.message}</p> : null}
          {a.diagnostics.length ? (
            <ul className="attempt-diagnostics">
              {a.diagnostics.map((d, i) => (
                <li key={i} data-severity={d.severity}>
                  <span className="mono">{where(d.pass, d.line)}</span> {d.message}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
