import { ErrorBanner } from '../components/ErrorBanner.js';
import { Loading } from '../components/Loading.js';
import { ProbeTable } from '../components/ProbeTable.js';
import { useDoctor } from './hooks.js';

export function DoctorSection() {
  const doctor = useDoctor();
  const refreshing = doctor.isFetching && !doctor.isPending;
  return (
    <section className="card" aria-labelledby="doctor-title" data-testid="doctor">
      <div className="card-header">
        <div>
          <h2 id="doctor-title">Doctor</h2>
          <p className="muted">The same checks as <code>auteur doctor</code>. Run the diagnostics job for the full set.</p>
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="doctor-refresh"
          disabled={doctor.isFetching}
          onClick={() => void doctor.refetch()}
        >
          {refreshing ? 'Checking…' : 'Refresh'}
        </button>
      </div>
      {doctor.error ? <ErrorBanner title="Doctor could not run" error={doctor.error} /> : null}
      {doctor.isPending ? <Loading label="Running probes…" /> : null}
      {doctor.data ? (
        <div aria-busy={refreshing}>
          <ProbeTable probes={doctor.data.probes} />
        </div>
      ) : null}
    </section>
  );
}
