import { useEffect, useState, type FormEvent } from 'react';
import type { GenerateProvider } from '../../../../shared/jobs/shader-generate.js';
import { errorMessage } from '../../../api/errors.js';
import { useDesire, useLiveJob, useStartGenerate } from '../api/hooks.js';
import { DEFAULT_KNOBS, StyleSliders, type StyleKnobs } from '../ui/StyleSliders.js';
import { ProviderSelect } from './ProviderSelect.js';

interface Props {
  desireId: string | null;
  busyJobId: string | null;
  onStarted(jobId: string): void;
}

/** The AI generator panel: what to make, how it should feel, and who writes it. */
export function GenerateForm({ desireId, busyJobId, onStarted }: Props) {
  const desire = useDesire(desireId);
  const [prompt, setPrompt] = useState('');
  const [knobs, setKnobs] = useState<StyleKnobs>(DEFAULT_KNOBS);
  const [provider, setProvider] = useState<GenerateProvider>('auto');
  const start = useStartGenerate();
  const busy = useLiveJob(busyJobId);
  const running = busy.data?.status === 'queued' || busy.data?.status === 'running';

  // Prefill once from the desire this generation answers.
  useEffect(() => {
    const d = desire.data;
    if (!d) return;
    setPrompt((p) => p || d.promptText);
    const h = d.styleHints;
    if (h) setKnobs((k) => ({ chaos: h.chaos ?? k.chaos, colorTemperature: h.colorTemperature ?? k.colorTemperature, motion: h.motion ?? k.motion }));
  }, [desire.data]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    start.mutate(
      { prompt: prompt.trim(), style: knobs, provider, ...(desireId ? { desireId } : {}) },
      { onSuccess: (job) => onStarted(job.id) },
    );
  };

  return (
    <form className="card generate-form" onSubmit={submit} data-testid="generate-form">
      <h2>Generate a shader</h2>
      {desireId ? (
        <p className="generate-desire" data-testid="generate-desire">
          Answering the desire {desire.data ? <>“{desire.data.promptText}”</> : '…'}
        </p>
      ) : null}
      <label className="field">
        <span>Prompt</span>
        <textarea
          className="textarea generate-prompt"
          data-testid="generate-prompt"
          placeholder="a slow neon tunnel that breathes, deep teal with gold sparks"
          value={prompt}
          maxLength={2000}
          onChange={(e) => setPrompt(e.target.value)}
        />
      </label>
      <StyleSliders idPrefix="generate" value={knobs} onChange={setKnobs} />
      <ProviderSelect value={provider} onChange={setProvider} />
      {start.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(start.error)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-cta generate-run" data-testid="generate-run" disabled={!prompt.trim() || start.isPending || running}>
        {start.isPending ? 'Starting…' : running ? 'Generating…' : 'Generate'}
      </button>
    </form>
  );
}
