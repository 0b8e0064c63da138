import type { ProviderSettingsView } from '../../../shared/schemas/provider-settings.js';

function sourceText(source: string, env: string | null): string {
  return source === 'env' ? `env ${env}` : source;
}

/** The "Configuration" part of `auteur doctor`: every effective value and where it came from. Keys only as set / not set. */
export function ConfigurationTable({ view }: { view: ProviderSettingsView }) {
  const rows = [
    ...Object.entries(view.fields).map(([key, f]) => ({ key, value: f.value ?? '(none)', source: sourceText(f.source, f.env) })),
    ...Object.entries(view.secrets).map(([name, s]) => ({
      key: `${name} key`,
      value: s.set ? `set (${s.source === 'env' ? `env ${s.env}` : 'settings, encrypted'})` : s.error ? 'saved, unusable' : 'not set',
      source: sourceText(s.source, s.env),
    })),
    ...Object.entries(view.choice).map(([cap, c]) => ({ key: `choice.${cap}`, value: c.value, source: c.source })),
  ];
  return (
    <details className="provider-config" data-testid="provider-configuration">
      <summary>Where each setting comes from</summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-source={r.source}>
                <th scope="row" className="mono">
                  {r.key}
                </th>
                <td className="mono">{r.value}</td>
                <td>{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
