import type { ReactNode } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { formatDateTime } from '../components/format.js';
import { RevealButton } from './RevealButton.js';
import { WorkerPoolTable } from './WorkerPoolTable.js';
import { useSystem } from './hooks.js';

function Row({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function PathRow({ label, path, testId }: { label: string; path: string; testId?: string }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>
        <span className="mono path" data-testid={testId}>
          {path}
        </span>
        <RevealButton path={path} />
      </dd>
    </div>
  );
}

export function SystemSection() {
  const system = useSystem();
  return (
    <section className="card" aria-labelledby="system-title">
      <h2 id="system-title">System</h2>
      {system.error ? <ErrorBanner title="Could not load system info" error={system.error} onRetry={() => void system.refetch()} /> : null}
      {system.isPending ? <Loading label="Reading system info…" /> : null}
      {system.data ? (
        <div data-testid="system-info" className="system-info">
          <div className="kv-columns">
            <div>
              <h3>Storage</h3>
              <dl className="kv">
                <PathRow label="Data dir" path={system.data.dataDir} testId="data-dir" />
                <PathRow label="Database" path={system.data.dbPath} />
                <PathRow label="Media" path={system.data.mediaDir} />
                <PathRow label="Logs" path={system.data.logsDir} />
              </dl>
              <h3>SQLite</h3>
              <dl className="kv">
                <Row label="SQLite" testId="sqlite-version">
                  {system.data.sqlite.version}
                </Row>
                <Row label="sqlite-vec" testId="vec-version">
                  {system.data.sqlite.vec ?? 'not loaded'}
                </Row>
                <Row label="Journal mode">{system.data.sqlite.journalMode}</Row>
                <Row label="Schema version">{system.data.sqlite.schemaVersion ?? '—'}</Row>
              </dl>
            </div>
            <div>
              <h3>Host</h3>
              <dl className="kv">
                <Row label="App version">{system.data.version}</Row>
                <Row label="URL">
                  <span className="mono">{system.data.url}</span>
                </Row>
                <Row label="PID">{system.data.pid}</Row>
                <Row label="Started">{formatDateTime(system.data.startedAt)}</Row>
              </dl>
              <h3>Runtime</h3>
              <dl className="kv">
                <Row label="Node">{system.data.versions.node}</Row>
                <Row label="Electron">{system.data.versions.electron ?? 'not running in Electron'}</Row>
                <Row label="Chrome">{system.data.versions.chrome ?? '—'}</Row>
                <Row label="Platform">
                  {system.data.versions.platform} · {system.data.versions.arch}
                </Row>
              </dl>
            </div>
          </div>
          <WorkerPoolTable pool={system.data.workers} />
        </div>
      ) : null}
    </section>
  );
}
