import { useEffect, useState } from 'react';
import type { LanStatus } from '../../shared/schemas/lan.js';
import { api } from '../api/client.js';
import { errorMessage } from '../api/errors.js';

/**
 * Share on my network: off by default. On, a second listener serves only invited watch parties
 * (and hosted world rooms) to people on this network; never the studio, its API or MCP.
 */
export function LanSection() {
  const [status, setStatus] = useState<LanStatus | null>(null);
  const [port, setPort] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('lan.get').then((s) => (setStatus(s), setPort(String(s.port))), (e: unknown) => setError(errorMessage(e)));
  }, []);
  const save = (enabled: boolean) => {
    const p = Number(port);
    setBusy(true);
    setError(null);
    api
      .call('lan.update', { body: { enabled, ...(Number.isInteger(p) && port !== '' ? { port: p } : {}) } })
      .then((s) => (setStatus(s), setPort(String(s.port))), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="card" aria-labelledby="lan-title" data-testid="settings-lan">
      <div className="card-header">
        <div>
          <h2 id="lan-title">Share on my network</h2>
          <p className="muted small">
            Off, the studio answers only this computer. On, people on your network can open watch-party links you send them, and nothing else: each link carries
            its own invite that expires and can be revoked.
          </p>
        </div>
      </div>
      <label className="vswitch">
        <input type="checkbox" checked={status?.enabled ?? false} disabled={busy || !status} onChange={(e) => save(e.target.checked)} data-testid="lan-toggle" />
        <span>Share on my network</span>
      </label>
      <label className="small">
        Port{' '}
        <input type="number" min={1024} max={65535} value={port} onChange={(e) => setPort(e.target.value)} disabled={busy} style={{ width: '7em' }} data-testid="lan-port" />
      </label>
      {status?.enabled ? (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => save(true)}>
          Apply port
        </button>
      ) : null}
      {status?.running ? (
        <p className="small" data-testid="lan-urls">
          Listening on {status.urls.length ? status.urls.join(', ') : `port ${status.port} (no LAN address found: only this computer can connect)`}
        </p>
      ) : null}
      {status?.error ? <p className="error small">{status.error}</p> : null}
      {error ? <p className="error small" role="alert">{error}</p> : null}
    </section>
  );
}
