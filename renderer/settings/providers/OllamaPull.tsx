import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { providerKeys, useLiveJob, usePullModel } from './hooks.js';

const TONE = { queued: 'muted', running: 'active', succeeded: 'done', completed_with_problems: 'problems', failed: 'failed', cancelled: 'muted' } as const;

/**
 * "Pull model": queues a provider.ollama.pull job and follows its progress live (job events
 * over the WebSocket patch the cached job). When it succeeds the provider table is refreshed so
 * the new model shows up in the model selects.
 */
export function OllamaPull({ url }: { url: string | null }) {
  const id = useId();
  const qc = useQueryClient();
  const [model, setModel] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const pull = usePullModel();
  const job = useLiveJob(jobId);
  const status = job.data?.status;

  useEffect(() => {
    if (status === 'succeeded') void qc.invalidateQueries({ queryKey: providerKeys.table });
  }, [status, qc]);

  const busy = pull.isPending || status === 'queued' || status === 'running';
  return (
    <div className="ollama-pull" data-testid="ollama-pull">
      <label htmlFor={id}>Pull a model into Ollama{url ? ` at ${url}` : ''}</label>
      <div className="secret-row">
        <input
          id={id}
          className="input"
          value={model}
          placeholder="e.g. llama3.2:3b, llava, nomic-embed-text"
          spellCheck={false}
          onChange={(e) => setModel(e.target.value)}
          data-testid="ollama-pull-model"
        />
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || model.trim() === ''}
          data-testid="ollama-pull-start"
          onClick={() => pull.mutate(model.trim(), { onSuccess: (j) => setJobId(j.id) })}
        >
          {busy ? 'Pulling…' : 'Pull model'}
        </button>
      </div>
      {pull.error ? <ErrorBanner title="Could not start the pull" error={pull.error} /> : null}
      {job.data ? (
        <div className="ollama-pull-progress" data-testid="ollama-pull-progress" data-status={job.data.status}>
          <ProgressBar
            value={job.data.progress}
            label={`Pulling ${String((job.data.input as { model?: string }).model ?? '')}`}
            message={job.data.status === 'failed' ? job.data.error : job.data.progressMessage}
            tone={TONE[job.data.status]}
          />
        </div>
      ) : null}
    </div>
  );
}
