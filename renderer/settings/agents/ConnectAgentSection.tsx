import './agents.css';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { CopyButton } from './CopyButton.js';
import { useMcpConfig } from './hooks.js';

/** Settings → Connect an AI agent: the exact Claude Desktop entry for this install. */
export function ConnectAgentSection() {
  const config = useMcpConfig();
  return (
    <section className="card" aria-labelledby="connect-agent-title" data-testid="connect-agent">
      <div className="card-header">
        <div>
          <h2 id="connect-agent-title">Connect an AI agent</h2>
          <p className="muted">
            Claude Desktop (or any MCP client) can browse, render, generate and submit shaders here. Paste this into{' '}
            <code>claude_desktop_config.json</code> and restart Claude Desktop. It works whether or not this window is open.
          </p>
        </div>
        {config.data ? <CopyButton text={config.data.claudeDesktopConfig} label="Copy config" testId="copy-claude-config" /> : null}
      </div>
      {config.error ? <ErrorBanner title="Could not build the agent config" error={config.error} /> : null}
      {config.isPending ? <Loading label="Reading install paths…" /> : null}
      {config.data ? (
        <>
          <pre className="code-block" data-testid="claude-config">
            {config.data.claudeDesktopConfig}
          </pre>
          <dl className="kv">
            <div className="kv-row">
              <dt>macOS</dt>
              <dd className="mono">{config.data.configPaths.macos}</dd>
            </div>
            <div className="kv-row">
              <dt>Windows</dt>
              <dd className="mono">{config.data.configPaths.windows}</dd>
            </div>
            <div className="kv-row">
              <dt>Over HTTP</dt>
              <dd>
                <span className="mono">{config.data.httpUrl}</span> <span className="muted">— send an API key from below as </span>
                <code>Authorization: Bearer ak_…</code>
              </dd>
            </div>
          </dl>
        </>
      ) : null}
    </section>
  );
}
