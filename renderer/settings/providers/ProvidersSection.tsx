import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { formatDateTime } from '../../components/format.js';
import { CapabilityCard } from './CapabilityCard.js';
import { ConfigurationTable } from './ConfigurationTable.js';
import { useProviderSettings, useProviders, useRefreshProviders } from './hooks.js';
import { ProviderSettingsForm } from './ProviderSettingsForm.js';
import './providers.css';

/** Settings → Providers: live status per capability, then the configuration form. */
export function ProvidersSection() {
  const table = useProviders();
  const settings = useProviderSettings();
  const refresh = useRefreshProviders();
  return (
    <section className="card" aria-labelledby="providers-title" data-testid="providers-section" id="providers">
      <div className="card-header">
        <div>
          <h2 id="providers-title">Providers</h2>
          <p className="muted">
            What each capability can use, whether it answers, and which one jobs use now. Environment variables (OLLAMA_HOST, ANTHROPIC_API_KEY …)
            override what is saved here.
          </p>
        </div>
        <button type="button" className="btn btn-secondary" data-testid="providers-refresh" disabled={refresh.isPending || table.isFetching} onClick={() => refresh.mutate()}>
          {refresh.isPending ? 'Checking…' : 'Refresh'}
        </button>
      </div>
      {table.error ? <ErrorBanner title="Could not load provider status" error={table.error} onRetry={() => void table.refetch()} /> : null}
      {refresh.error ? <ErrorBanner title="Refresh failed" error={refresh.error} /> : null}
      {table.isPending ? <Loading label="Checking providers…" /> : null}
      {table.data ? (
        <>
          <div className="provider-cards" aria-busy={refresh.isPending}>
            {table.data.capabilities.map((c) => (
              <CapabilityCard key={c.capability} cap={c} />
            ))}
          </div>
          <p className="muted small">Checked {formatDateTime(table.data.checkedAt)}</p>
        </>
      ) : null}

      <h3 className="provider-form-title">Configure</h3>
      {settings.error ? <ErrorBanner title="Could not load provider settings" error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.isPending ? <Loading label="Loading settings…" /> : null}
      {settings.data ? <ProviderSettingsForm view={settings.data} table={table.data} /> : null}
      {settings.data ? <ConfigurationTable view={settings.data} /> : null}
    </section>
  );
}
