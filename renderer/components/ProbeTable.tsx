import type { ProbeResult } from '../../shared/schemas/system.js';
import { formatDuration } from './format.js';
import { StatusBadge } from './StatusBadge.js';

/** The `auteur doctor` table: used by Settings → Doctor and by system.diagnose job results. */
export function ProbeTable({ probes, caption }: { probes: ProbeResult[]; caption?: string }) {
  return (
    <div className="table-wrap">
      <table className="table probe-table" data-testid="probe-table">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">Probe</th>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {probes.map((p) => (
            <tr key={p.id} data-probe-id={p.id} data-status={p.status}>
              <th scope="row">{p.label}</th>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td className="mono">{p.version ?? '—'}</td>
              <td>
                <span className="probe-detail">{p.detail}</span>
                <span className="probe-meta">
                  {p.source ? `${p.source} · ` : ''}
                  {formatDuration(p.durationMs)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
