import type { WorkerPoolState } from '../../shared/schemas/system.js';

const CLASS_NOTES: Record<string, string> = {
  gpu: 'One at a time: renders, inference',
  cpu: 'Cores − 1: encoding, analysis',
  io: 'Several: network, probes, files',
};

export function WorkerPoolTable({ pool }: { pool: WorkerPoolState }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="worker-pool">
        <caption>
          Worker pool <span className="mono muted">{pool.runnerId}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Resource class</th>
            <th scope="col">Capacity</th>
            <th scope="col">Busy</th>
            <th scope="col">Processes</th>
          </tr>
        </thead>
        <tbody>
          {pool.classes.map((c) => (
            <tr key={c.resource} data-resource={c.resource}>
              <th scope="row">
                <span className="mono">{c.resource}</span>
                <span className="cell-note">{CLASS_NOTES[c.resource] ?? ''}</span>
              </th>
              <td>{c.capacity}</td>
              <td>{c.busy}</td>
              <td>{c.processes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
