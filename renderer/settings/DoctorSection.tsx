import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CAPABILITY_LABELS, type DoctorProviderRow } from '../../shared/schemas/provider-status.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { ProbeTable } from '../components/ProbeTable.js';
import { useDoctor } from './hooks.js';

const STATE: Record<DoctorProviderRow['state'], string> = { reachable: 'reachable', embedded: 'embedded', not_configured: 'not configured', unreachable: 'unreachable' };

/** Per capability: the provider in use and the model it will use, as `auteur doctor` prints them (rows marked *). */
function InUseTable({ rows }: { rows: DoctorProviderRow[] }) {
  const caps = [...new Set(rows.map((r) => r.capability))];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="doctor-providers">
        <caption>Providers in use</caption>
        <thead>
          <tr>
            <th scope="col">Capability</th>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {caps.map((cap) => {
            const used = rows.find((r) => r.capability === cap && r.inUse);
            const none = rows.find((r) => r.capability === cap && !r.provider);
            return (
              <tr key={cap} data-capability={cap} data-in-use={used?.provider ?? ''}>
                <th scope="row">{CAPABILITY_LABELS[cap]}</th>
                <td>{used ? (used.state === 'embedded' ? used.label : `${used.label} (${STATE[used.state]})`) : '—'}</td>
                <td className="mono" data-testid={`doctor-model-${cap}`}>
                  {used?.model ?? '—'}
                </td>
                <td className="small">{(used ?? none ?? rows.find((r) => r.capability === cap))?.why ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function DoctorSection() {
  const [fresh, setFresh] = useState(false);
  const doctor = useDoctor(fresh);
  const qc = useQueryClient();
  const refreshing = doctor.isFetching && !doctor.isPending;
  return (
    <section className="card" aria-labelledby="doctor-title" data-testid="doctor">
      <div className="card-header">
        <div>
          <h2 id="doctor-title">Doctor</h2>
          <p className="muted">
            The same checks as <code>auteur doctor</code>, from the same function: a render measured within the last 10 minutes is shared by both. Refresh
            measures a frame again. Run the diagnostics job for the full set.
          </p>
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="doctor-refresh"
          disabled={doctor.isFetching}
          onClick={() => {
            if (fresh) void doctor.refetch();
            else setFresh(true);
            void qc.invalidateQueries({ queryKey: ['providers'] });
          }}
        >
          {refreshing ? 'Checking…' : 'Refresh'}
        </button>
      </div>
      {doctor.error ? <ErrorBanner title="Doctor could not run" error={doctor.error} /> : null}
      {doctor.isPending ? <Loading label="Running probes and rendering a test frame…" /> : null}
      {doctor.data ? (
        <div aria-busy={refreshing}>
          <ProbeTable probes={doctor.data.probes} />
          <InUseTable rows={doctor.data.providers} />
        </div>
      ) : null}
    </section>
  );
}
