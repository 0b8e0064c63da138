import { useEffect, useState } from 'react';
import type { RoomClient } from './room-client.js';
import { useRoomStore } from './room-store.js';

const fmtBytes = (n: number): string => (n >= 1024 ? `${(n / 1024).toFixed(1)} KB/s` : `${Math.round(n)} B/s`);

/**
 * Developer visibility (seed §9): the host's tick time, patch bytes/s and entities in view per
 * client, who holds authority over which body, the room's generation jobs, plus this client's
 * round trip, corrections and terrain checksum agreement. Stats stream only while it is open.
 */
export function DevPanel({ client }: { client: RoomClient }) {
  const [open, setOpen] = useState(false);
  const stats = useRoomStore((s) => s.stats);
  const entities = useRoomStore((s) => s.entities);
  const players = useRoomStore((s) => s.players);
  const rtt = useRoomStore((s) => s.rttMs);
  const corrections = useRoomStore((s) => s.corrections);
  const chunkCheck = useRoomStore((s) => s.chunkCheck);
  const status = useRoomStore((s) => s.status);

  useEffect(() => {
    if (!open || status !== 'joined') return undefined;
    client.send('dev_stats', { on: true });
    const ping = () => client.send('ping', { t: performance.now() });
    ping();
    const timer = setInterval(ping, 2000);
    return () => {
      clearInterval(timer);
      client.send('dev_stats', { on: false });
    };
  }, [open, status, client]);

  const mismatched = Object.entries(chunkCheck).filter(([, c]) => c.host !== c.ours);
  const nameOf = (sid: string): string => (sid ? (players[sid]?.name ?? sid.slice(0, 6)) : 'host (server)');
  return (
    <section className="world-panel room-dev" data-testid="room-dev-panel">
      <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide dev panel' : 'Dev panel'}
      </button>
      {open ? (
        stats ? (
          <div className="room-dev-body">
            <p>
              Tick {stats.tick}: {stats.tickMs.last.toFixed(2)} ms (p50 {stats.tickMs.p50.toFixed(2)}, p95 {stats.tickMs.p95.toFixed(2)}
              {stats.tickCpuMs ? `, CPU p95 ${stats.tickCpuMs.p95.toFixed(2)}` : ''}) · patch p95{' '}
              {stats.patchMs ? stats.patchMs.p95.toFixed(2) : '—'} ms · {stats.bodies} bodies · your
              RTT {rtt === null ? '…' : `${Math.round(rtt)} ms`} · {corrections} corrections
            </p>
            <table className="room-dev-table">
              <thead>
                <tr>
                  <th>Client</th>
                  <th>Patches</th>
                  <th>In view</th>
                  <th>RTT</th>
                </tr>
              </thead>
              <tbody>
                {stats.players.map((p) => (
                  <tr key={p.sessionId} data-testid="room-dev-client">
                    <td>
                      {p.name}
                      {p.connected ? '' : ' (away)'}
                    </td>
                    <td>{fmtBytes(p.bytesPerSec)}</td>
                    <td>{p.entitiesInView}</td>
                    <td>{p.rttMs === null ? '—' : `${Math.round(p.rttMs)} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4>Authority</h4>
            <ul className="room-dev-list">
              {Object.entries(stats.authority).length === 0 ? <li className="muted">The host simulates every body.</li> : null}
              {Object.entries(stats.authority).map(([id, holder]) => (
                <li key={id}>
                  {entities[id]?.name ?? id} → {nameOf(holder)}
                </li>
              ))}
            </ul>
            <h4>Generation jobs</h4>
            <ul className="room-dev-list">
              {stats.jobs.length === 0 ? <li className="muted">None in this session.</li> : null}
              {stats.jobs.map((j) => (
                <li key={j.jobId}>
                  “{j.prompt}” by {j.by}: {j.status}
                </li>
              ))}
            </ul>
            <p className={mismatched.length ? 'room-dev-warn' : 'muted'}>
              Terrain: {Object.keys(chunkCheck).length} chunk checksums compared, {mismatched.length} differ
              {mismatched.length ? ` (${mismatched.map(([k]) => k).join(', ')})` : ''}.
            </p>
          </div>
        ) : (
          <p className="muted">Waiting for the host's stats…</p>
        )
      ) : null}
    </section>
  );
}
