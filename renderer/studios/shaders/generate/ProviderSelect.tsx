import { GenerateProvider } from '../../../../shared/jobs/shader-generate.js';
import type { ProviderStatusRow } from '../../../../shared/schemas/provider-status.js';
import { useProviders } from '../api/hooks.js';

type Choice = GenerateProvider;

const LABEL: Record<Choice, string> = {
  auto: 'Auto',
  procedural: 'Procedural composer',
  ollama: 'Ollama',
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
};

const STATE: Record<ProviderStatusRow['state'], string> = {
  reachable: 'ready',
  embedded: 'built in, offline',
  not_configured: 'needs setup in Settings',
  unreachable: 'not reachable',
};

/** Which writer generates the GLSL; availability comes from the host's provider status. */
export function ProviderSelect({ value, onChange, disabled }: { value: Choice; onChange(v: Choice): void; disabled?: boolean }) {
  const providers = useProviders();
  const llm = providers.data?.capabilities.find((c) => c.capability === 'llm');
  const row = (id: Choice) => llm?.providers.find((p) => p.id === id);
  const note = (id: Choice): string => {
    if (id === 'auto') return llm?.inUse && llm.inUse !== 'procedural' ? `uses ${llm.inUse}, else the composer` : 'the composer until an LLM is set up';
    if (id === 'procedural') return 'built in, offline';
    const r = row(id);
    return r ? STATE[r.state] : providers.isPending ? 'checking…' : 'status unknown';
  };
  const usable = (id: Choice): boolean => {
    if (id === 'auto' || id === 'procedural') return true;
    const r = row(id);
    return !r || r.state === 'reachable' || r.state === 'embedded';
  };
  return (
    <label className="field">
      <span>Writer</span>
      <select className="select" data-testid="generate-provider" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Choice)}>
        {GenerateProvider.options.map((id) => (
          <option key={id} value={id} data-usable={usable(id)}>
            {LABEL[id]} — {note(id)}
          </option>
        ))}
      </select>
      {!usable(value) ? <span className="field-error">{LABEL[value]} is {note(value)}; the job will fail unless it is fixed.</span> : null}
      {providers.isError ? <span className="muted small">Provider status unavailable; every writer is listed.</span> : null}
    </label>
  );
}
