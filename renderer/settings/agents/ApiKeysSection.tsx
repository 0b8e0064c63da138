import { useState, type FormEvent } from 'react';
import type { TrustTier } from '../../../shared/schemas/api-keys.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { formatDateTime } from '../../components/format.js';
import { CopyButton } from './CopyButton.js';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './hooks.js';

const TIER_HELP: Record<TrustTier, string> = {
  probation: '10 submissions/h, reviewed before publishing, no fulfil/tag',
  trusted: '100 submissions/h, publishes directly',
  premium: '500 submissions/h, publishes directly',
};

/** Settings → API keys: keys for MCP clients over HTTP. A new key is shown exactly once. */
export function ApiKeysSection() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [tier, setTier] = useState<TrustTier>('probation');
  const [fresh, setFresh] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, trustTier: tier }, { onSuccess: (r) => (setFresh(r.key), setName('')) });
  };

  return (
    <section className="card" aria-labelledby="api-keys-title" data-testid="api-keys">
      <h2 id="api-keys-title">API keys</h2>
      <p className="muted">For agents that connect over HTTP. Keys are stored only as a slow hash; new keys start on probation unless you choose otherwise.</p>
      <form className="inline-form" onSubmit={submit} data-testid="api-key-form">
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Claude on my laptop" required maxLength={80} data-testid="api-key-name" />
        </label>
        <label>
          Trust tier{' '}
          <select value={tier} onChange={(e) => setTier(e.target.value as TrustTier)} data-testid="api-key-tier">
            {(Object.keys(TIER_HELP) as TrustTier[]).map((t) => (
              <option key={t} value={t}>
                {t} — {TIER_HELP[t]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-cta" disabled={create.isPending || !name.trim()} data-testid="api-key-create">
          Create key
        </button>
      </form>
      {create.error ? <ErrorBanner title="Could not create the key" error={create.error} /> : null}
      {fresh ? (
        <div className="fresh-key" role="status" data-testid="api-key-fresh">
          <p>
            <strong>Copy this key now.</strong> It will not be shown again.
          </p>
          <code className="mono">{fresh}</code> <CopyButton text={fresh} />{' '}
          <button type="button" className="btn btn-ghost" onClick={() => setFresh(null)}>
            Done
          </button>
        </div>
      ) : null}
      {keys.error ? <ErrorBanner title="Could not load API keys" error={keys.error} /> : null}
      {keys.isPending ? <Loading label="Loading keys…" /> : null}
      {keys.data && keys.data.keys.length === 0 ? <p className="muted">No API keys yet.</p> : null}
      {keys.data && keys.data.keys.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="api-key-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Tier</th>
                <th>Reviewed</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row" data-revoked={k.revokedAt ? 'true' : 'false'}>
                  <th scope="row">{k.name ?? '—'}</th>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.trustTier}</td>
                  <td>
                    {k.submissionsApproved} approved · {k.submissionsRejected} rejected
                  </td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="muted">revoked {formatDateTime(k.revokedAt)}</span>
                    ) : (
                      <button type="button" className="btn btn-ghost" disabled={revoke.isPending} onClick={() => revoke.mutate(k.id)} data-testid="api-key-revoke">
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
