import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { useJobLogStore } from '../../../jobs/logStore.js';
import { generatedOutput, useLiveJob } from '../api/hooks.js';
import { PRIORITY } from '../canvas/context-budget.js';
import { ShaderCanvas } from '../canvas/ShaderCanvas.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { Attempts } from './Attempts.js';
import { FulfilWithResult } from './FulfilWithResult.js';
import { LiveReply } from './LiveReply.js';

const EMPTY: never[] = [];

/** The job's live progress, then the shader running live (or why it failed, attempt by attempt). */
export function GenerateResult({ jobId, desireId }: { jobId: string | null; desireId: string | null }) {
  const job = useLiveJob(jobId);
  const log = useJobLogStore((s) => (jobId ? (s.logs[jobId] ?? EMPTY) : EMPTY));

  if (!jobId) {
    return (
      <section className="generate-empty card" data-testid="generate-idle">
        <h2>Describe it, tune it, generate it</h2>
        <p className="muted">
          The generator writes Shadertoy GLSL from your prompt, checks and renders it, and feeds any compiler error back for
          up to three attempts. The procedural composer works offline; LLM writers appear when set up in Settings.
        </p>
      </section>
    );
  }
  if (job.isError) return <ErrorBanner title="Could not load the generation job" error={job.error} />;
  const j = job.data;
  if (!j) return <section className="card">Loading the job…</section>;
  const out = generatedOutput(j);
  const active = j.status === 'queued' || j.status === 'running';

  return (
    <section className="card generate-result" data-testid="generate-result" data-status={j.status} data-shader-id={out?.shaderId ?? ''}>
      {active ? (
        <div className="generate-progress" data-testid="generate-progress">
          <ProgressBar value={j.progress} label="Generation progress" message={j.progressMessage ?? (j.status === 'queued' ? 'Waiting for a worker…' : 'Working…')} />
          {log.length ? (
            <ol className="live-log generate-log">
              {log.slice(-6).map((l, i) => (
                <li key={i} data-level={l.level}>
                  <span className="log-level">{l.level}</span> {l.message}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
      <LiveReply job={j} log={log} />
      {j.status === 'completed_with_problems' ? (
        <p className="generate-problems" data-testid="generate-problems" role="status">
          Completed with problems: {j.error ?? 'see the job log'}
        </p>
      ) : null}
      {out ? (
        <>
          <div className="generate-stage">
            <ShaderCanvas source={out.source} priority={PRIORITY.focus} maxDpr={2} label={`Generated shader: ${out.title}`} className="generate-canvas" />
          </div>
          <div className="generate-meta">
            <div>
              <h2 className="generate-title">{out.title}</h2>
              <p className="muted small">
                {out.provider === 'procedural' ? 'Procedural composer' : `${out.provider} · ${out.model}`}
                {out.family ? ` · ${out.family}` : ''} · seed {out.seed}
                {out.tokens ? ` · ${out.tokens.prompt + out.tokens.completion} tokens` : ''}
              </p>
              {out.fallbackReason && j.status !== 'completed_with_problems' ? <p className="generate-fallback small">{out.fallbackReason}</p> : null}
            </div>
            <div className="generate-actions">
              <StudioLink className="btn btn-cta" data-testid="generate-open-editor" to={out.shaderId ? studioPaths.edit(out.shaderId) : studioPaths.newShader({ job: j.id })}>
                Open in editor
              </StudioLink>
              {out.shaderId ? (
                <StudioLink className="btn btn-ghost" to={studioPaths.detail(out.shaderId)}>
                  Details
                </StudioLink>
              ) : null}
            </div>
          </div>
          {(desireId ?? out.desireId) && out.shaderId ? <FulfilWithResult desireId={(desireId ?? out.desireId)!} shaderId={out.shaderId} /> : null}
          <details className="generate-attempts-wrap" open={out.attempts.length > 1}>
            <summary>
              {out.attempts.length} attempt{out.attempts.length === 1 ? '' : 's'}
            </summary>
            <Attempts attempts={out.attempts} />
          </details>
        </>
      ) : null}
      {j.status === 'failed' || j.status === 'cancelled' ? (
        <div className="generate-failed" data-testid="generate-failed">
          <strong>Generation {j.status}</strong>
          {j.error ? <p className="job-error">{j.error}</p> : null}
          {j.attemptLog.length ? (
            <ul className="attempt-diagnostics">
              {j.attemptLog.filter((a) => a.error).map((a) => (
                <li key={a.attempt}>
                  Job attempt {a.attempt}: {a.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {(j.status === 'succeeded' || j.status === 'completed_with_problems') && !out ? <p className="field-error">The job finished, but its result does not match the shader.generate contract.</p> : null}
    </section>
  );
}
