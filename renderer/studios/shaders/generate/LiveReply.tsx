import { useEffect, useRef, useState } from 'react';
import type { Job } from '../../../../shared/schemas/jobs.js';
import type { JobLogLine } from '../../../jobs/logStore.js';
import { useGenerationStream } from './useGenerationStream.js';

const attemptOf = (channel: string): string => channel.replace(/^attempt-/, 'Attempt ');

/** The progress messages a job has shown, in order (each distinct message once). */
function useSteps(job: Job): string[] {
  const [steps, setSteps] = useState<{ jobId: string; list: string[] }>({ jobId: job.id, list: [] });
  const message = job.progressMessage;
  useEffect(() => {
    setSteps((s) => {
      const list = s.jobId === job.id ? s.list : [];
      if (!message || list.at(-1) === message) return s.jobId === job.id ? s : { jobId: job.id, list };
      return { jobId: job.id, list: [...list, message].slice(-12) };
    });
  }, [job.id, message]);
  return steps.jobId === job.id ? steps.list : [];
}

function isProcedural(job: Job, log: readonly JobLogLine[]): boolean {
  const provider = (job.input as { provider?: unknown } | null)?.provider;
  return provider === 'procedural' || log.some((l) => /procedural composer/i.test(l.message));
}

/**
 * What the writer is doing right now: an LLM's reply arriving token by token (each attempt its
 * own block), or — for the procedural composer, which has no tokens — its actual steps.
 */
export function LiveReply({ job, log }: { job: Job; log: readonly JobLogLine[] }) {
  const active = job.status === 'queued' || job.status === 'running';
  const channels = useGenerationStream(job.id, active);
  const steps = useSteps(job);
  const tail = useRef<HTMLPreElement>(null);
  const latest = channels.at(-1);
  useEffect(() => {
    const el = tail.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [latest?.text]);

  if (channels.length) {
    return (
      <div className="live-reply" data-testid="generate-stream">
        {channels.map((c) => {
          const isLatest = c === latest;
          return (
            // Open while it is being written (or when the job failed: the reply is the evidence); folded once a shader is shown.
            <details key={c.channel} className="live-reply-attempt" open={isLatest && (active || job.status === 'failed')}>
              <summary>
                {attemptOf(c.channel)}: {isLatest && active ? 'the LLM is writing…' : 'what the LLM wrote'} <span className="muted small">({c.text.length} characters)</span>
              </summary>
              <pre ref={isLatest ? tail : undefined} className="live-reply-text" data-testid={`generate-stream-${c.channel}`} data-live={isLatest && active}>
                {c.text}
                {isLatest && active ? <span className="live-caret" aria-hidden="true" /> : null}
              </pre>
            </details>
          );
        })}
      </div>
    );
  }
  if (!active) return null;
  const procedural = isProcedural(job, log);
  return (
    <div className="live-reply" data-testid="generate-steps">
      <p className="muted small live-reply-note">
        {procedural
          ? 'The procedural composer assembles GLSL from tested building blocks; it writes no text token by token. Its steps so far:'
          : job.status === 'queued'
            ? 'Waiting for a worker…'
            : 'Waiting for the first words from the LLM…'}
      </p>
      {steps.length ? (
        <ol className="live-steps">
          {steps.map((s, i) => (
            <li key={`${i}-${s}`} data-current={i === steps.length - 1}>
              {s}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
