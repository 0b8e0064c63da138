import type { ProviderStatusRow } from '../../../shared/schemas/provider-status.js';
import { errorMessage } from '../../api/errors.js';
import { formatDuration } from '../../components/format.js';
import { useTestProvider } from './hooks.js';

const STATE_LABEL: Record<ProviderStatusRow['state'], string> = {
  reachable: 'Reachable',
  embedded: 'Built in',
  not_configured: 'Not configured',
  unreachable: 'Unreachable',
};

function TestResult({ test }: { test: ReturnType<typeof useTestProvider> }) {
  if (test.isPending) return <p className="provider-test-result muted" role="status">Testing…</p>;
  if (test.error) return <p className="provider-test-result result-bad" role="status">{errorMessage(test.error)}</p>;
  if (!test.data) return null;
  return (
    <p className={`provider-test-result ${test.data.ok ? 'result-ok' : 'result-bad'}`} role="status" data-ok={test.data.ok}>
      {test.data.ok ? 'Test passed' : 'Test failed'} ({formatDuration(test.data.ms)}): {test.data.detail}
    </p>
  );
}

/** One provider inside a capability card: status dot, version, detail, models/voices and a Test button. */
export function ProviderRow({ row, inUse }: { row: ProviderStatusRow; inUse: boolean }) {
  const test = useTestProvider(row.id);
  const lists = [
    { name: 'models', items: row.models },
    { name: 'voices', items: row.voices },
  ].filter((l) => l.items.length > 0);
  return (
    <li className="provider-row" data-testid={`provider-row-${row.id}`} data-status={row.state} data-in-use={inUse}>
      <div className="provider-row-head">
        <span className="provider-dot" data-status={row.state} aria-hidden="true" />
        <span className="provider-title">
          <span className="provider-name">{row.label}</span>
          <span className="provider-state">{STATE_LABEL[row.state]}</span>
          {row.version ? <span className="provider-version mono">{/^\d/.test(row.version) ? `v${row.version}` : row.version}</span> : null}
          {inUse ? <span className="provider-in-use">in use</span> : null}
        </span>
        <button
          type="button"
          className="btn btn-secondary btn-small provider-test"
          data-testid={`provider-test-${row.id}`}
          disabled={test.isPending}
          onClick={() => test.mutate()}
        >
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
      </div>
      <p className="provider-detail">{row.detail}</p>
      {lists.map((l) => (
        <details key={l.name} className="provider-list">
          <summary>
            {l.items.length} {l.name}
          </summary>
          <ul>
            {l.items.map((m) => (
              <li key={m} className="mono">
                {m}
              </li>
            ))}
          </ul>
        </details>
      ))}
      <TestResult test={test} />
    </li>
  );
}
