// World room benchmarks (`BENCH_ONLY=world-room npm run bench`, issue 12): a real host hosts a
// world of 200 dynamic crates; first with no clients (the baseline: the same world stepped by the
// same room), then with 16 colyseus.js bot clients that walk circles at 20 Hz and keep picking up
// and throwing crates. Rows: the room's physics tick (p50 samples, p95 in the name), its patch
// preparation (state sync, interest, far bodies) and the bytes/s each client receives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import type { DevStats, RoomStateShape } from '../shared/world/room-protocol.js';
import { startBenchHost, type BenchHost } from './bench-host.js';
import { median, percentile, row, type BenchRow } from './table.js';

const BODIES = 200;
const BOTS = 16;
const WINDOW_MS = 10_000;
const POLL_MS = 1000;

type Host = BenchHost;
const startHost = startBenchHost;

async function api<T>(host: Host, path: string, method = 'GET', body?: unknown): Promise<T> {
  const r = await fetch(`${host.base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${host.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Polls the room's dev stats for WINDOW_MS: tick and patch p50/p95 per poll, bytes/s per client. */
async function sample(host: Host, worldId: string): Promise<{ tick50: number[]; tick95: number[]; cpu95: number[]; patch50: number[]; patch95: number[]; bytes: number[] }> {
  const out = { tick50: [] as number[], tick95: [] as number[], cpu95: [] as number[], patch50: [] as number[], patch95: [] as number[], bytes: [] as number[] };
  const end = Date.now() + WINDOW_MS;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const s = await api<DevStats>(host, `/world-room/sessions/${worldId}/stats`);
    out.tick50.push(s.tickMs.p50);
    out.tick95.push(s.tickMs.p95);
    if (s.tickCpuMs) out.cpu95.push(s.tickCpuMs.p95);
    out.patch50.push(s.patchMs.p50);
    out.patch95.push(s.patchMs.p95);
    for (const p of s.players) if (p.bytesPerSec > 0) out.bytes.push(p.bytesPerSec);
  }
  return out;
}

/** A bot: walks a circle at 20 Hz and every ~1.5 s picks up the nearest free crate and throws it. */
function bot(room: Room<RoomStateShape>, i: number): () => void {
  let seq = 0;
  const r = 4 + (i % 4);
  const phase = (i / BOTS) * Math.PI * 2;
  const t0 = Date.now();
  let holding: string | null = null;
  const walk = setInterval(() => {
    const t = (Date.now() - t0) / 1000;
    const a = phase + t * 0.8; // 0.8 rad/s × ≤7 m: under the speed limit
    const yaw = -a;
    room.send('move', { seq: ++seq, position: [Math.cos(a) * r, 0.05, Math.sin(a) * r], yaw, pitch: 0 });
  }, 50);
  const play = setInterval(() => {
    if (holding) {
      room.send('throw', { entityId: holding, direction: [Math.random() - 0.5, 0.4, Math.random() - 0.5], speed: 8 });
      holding = null;
      return;
    }
    const me = room.state.players?.get(room.sessionId);
    if (!me) return;
    let best: string | null = null;
    let bestD = 4;
    for (const b of room.state.bodies?.values() ?? []) {
      const d = Math.hypot(b.x - me.x, b.y - me.y - 1.6, b.z - me.z);
      if (!b.holder && d < bestD) (best = b.id), (bestD = d);
    }
    if (best) {
      room.send('pick_up', { entityId: best });
      holding = best;
    }
  }, 750 + i * 13);
  return () => {
    clearInterval(walk);
    clearInterval(play);
  };
}

export async function benchWorldRoom(): Promise<BenchRow[]> {
  const host = await startHost(mkdtempSync(join(tmpdir(), 'auteur-bench-room-')));
  try {
    const world = await api<{ id: string }>(host, '/world/worlds', 'POST', { name: 'Room bench' });
    const entities = Array.from({ length: BODIES }, (_, k) => ({
      name: `crate ${k}`,
      transform: { position: [((k % 20) - 9.5) * 1.1, 0.5 + Math.floor(k / 100) * 1.2, (Math.floor(k / 20) % 5 - 2) * 1.1], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
      physics: { bodyType: 'dynamic', massKg: 2 },
      placeholder: { scaleMeters: [0.5, 0.5, 0.5], color: '#a0522d', roughness: 0.8, collider: 'box' },
    }));
    await api(host, `/world/worlds/${world.id}/entities`, 'PUT', { entities });
    await api(host, '/world-room/sessions', 'POST', { worldId: world.id, invite: false, maxPlayers: 16 });
    // Baseline: the same room stepping the same world with nobody in it.
    await new Promise((r) => setTimeout(r, 3000));
    const alone = await sample(host, world.id);
    const rooms: Room<RoomStateShape>[] = [];
    for (let i = 0; i < BOTS; i++) {
      const c = new Client(`${host.base}/api/v1/world-room/colyseus`);
      c.http.authToken = host.token;
      const room = await c.joinById<RoomStateShape>(world.id, { name: `bot ${i}` });
      // Refusals (a crate another bot grabbed first) are part of the load, not output.
      room.onMessage('*', () => undefined);
      rooms.push(room);
    }
    const stops = rooms.map((r, i) => bot(r, i));
    await new Promise((r) => setTimeout(r, 3000));
    const busy = await sample(host, world.id);
    stops.forEach((s) => s());
    for (const r of rooms) await r.leave().catch(() => undefined);
    const kb = (v: number) => `${(v / 1024).toFixed(1)} KB/s`;
    return [
      row(`world-room physics tick, ${BODIES} bodies, ${BOTS} bots (p95 ${median(busy.tick95).toFixed(2)} ms vs ${median(alone.tick95).toFixed(2)} ms alone, CPU p95 ${median(busy.cpu95).toFixed(2)} ms; goal < 5 ms)`, busy.tick50, alone.tick50),
      row(`world-room patch prep, ${BOTS} bots (p95 ${median(busy.patch95).toFixed(2)} ms; ${kb(median(busy.bytes))} per client, p90 ${kb(percentile(busy.bytes, 90))})`, busy.patch50, alone.patch50),
    ];
  } finally {
    await host.stop();
  }
}
