import { NEAR_RADIUS_M } from '../../shared/world/room-protocol.js';
import type { BodyRow } from './room-stats.js';
import type { RoomClient, WorldRoom } from './world-room.js';

// Interest management (issue 12): a client's StateView holds the bodies near its avatar (and the
// one it holds), which then replicate at the patch rate; the rest reach it as `far_bodies`
// messages at FAR_HZ with only what changed.

/** Bodies near the avatar (or held by the client) are in its view; the rest leave it. */
export function updateInterest(room: WorldRoom, client: RoomClient): void {
  const me = room.holders.get(client.sessionId);
  const view = client.view;
  if (!me || !view) return;
  const r2 = NEAR_RADIUS_M * NEAR_RADIUS_M;
  for (const b of room.state.bodies.values()) {
    const dx = b.x - me.feet[0];
    const dy = b.y - me.feet[1];
    const dz = b.z - me.feet[2];
    const near = dx * dx + dy * dy + dz * dz <= r2 || b.holder === client.sessionId;
    const has = view.has(b);
    if (near && !has) view.add(b);
    else if (!near && has) view.remove(b);
  }
}

/** The bodies this client receives at the patch rate. */
export function viewRows(room: WorldRoom, client: RoomClient): BodyRow[] {
  const rows: BodyRow[] = [];
  for (const b of room.state.bodies.values()) if (client.view?.has(b)) rows.push(b);
  return rows;
}

/** Far bodies whose pose changed since this client last heard of them (all of them the first time). */
export function sendFar(room: WorldRoom, client: RoomClient): void {
  const d = client.userData!;
  const tick = room.state.tick;
  const out: Array<[string, number, number, number, number, number, number, number, string]> = [];
  for (const b of room.state.bodies.values()) {
    if (client.view?.has(b)) continue;
    if (d.farTick >= 0 && (room.changedAt.get(b.id) ?? 0) <= d.farTick) continue;
    out.push([b.id, b.x, b.y, b.z, b.qx, b.qy, b.qz, b.qw, b.holder]);
  }
  d.farTick = tick;
  if (out.length) client.send('far_bodies', { tick, bodies: out });
}
