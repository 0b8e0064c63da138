import { ClientState, SchemaSerializer, type Client } from '@colyseus/core';
import { Reflection, StateView, type Decoder } from '@colyseus/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoomBody, RoomPlayer, encodedBytesBound, newRoomState, type WorldRoomState } from '../../rooms/world/state.js';
import { ViewSafeSerializer } from '../../rooms/world/view-serializer.js';

// A world room's replication without sockets: the room's serializer, clients with StateViews
// that join while others play (each JOINING for a few patches, as a real join's round trip),
// and a colyseus.js-style decoder per client fed every byte the serializer hands it.

interface SimClient {
  n: number;
  state: ClientState;
  view: StateView;
  raw(bytes: Buffer): void;
  decoder: Decoder<WorldRoomState>;
  joinAt: number;
  at: [number, number];
  vel: [number, number];
}

type Serializer = SchemaSerializer<WorldRoomState>;

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function simulate(make: (state: WorldRoomState) => Serializer, opts: { seed: number; bodies: number; clients: number; radius: number; ticks: number; names?: string; churn?: boolean }) {
  const random = rng(opts.seed);
  const state = newRoomState('world-' + 'w'.repeat(30));
  const addBody = (id: string) => {
    const b = new RoomBody();
    Object.assign(b, { id, x: random() * 40 - 20, y: 1, z: random() * 24 - 12, qx: 0, qy: 0, qz: 0, qw: 1, holder: '', sleeping: false });
    state.bodies.set(id, b);
  };
  for (let i = 0; i < opts.bodies; i++) addBody(`0f8c2a6e-5b1d-4c1e-9a53-${String(i).padStart(12, '0')}`);
  const ser = make(state);
  const clients: SimClient[] = [];
  const interest = (c: SimClient) => {
    for (const b of state.bodies.values()) {
      const near = (b.x - c.at[0]) ** 2 + (b.z - c.at[1]) ** 2 <= opts.radius ** 2 || b.holder === `s${c.n}`;
      const has = c.view.has(b);
      if (near && !has) c.view.add(b);
      else if (!near && has) c.view.remove(b);
    }
  };
  for (let t = 0; t < opts.ticks; t++) {
    if (clients.length < opts.clients) {
      const n = clients.length;
      const p = new RoomPlayer();
      Object.assign(p, { sessionId: `s${n}`, name: (opts.names ?? 'bot ') + n, isHost: n === 0, connected: true, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, seq: 0, holding: '', color: '#e4572e' });
      state.players.set(p.sessionId, p);
      const decoder = Reflection.decode<WorldRoomState>(ser.handshake());
      const c: SimClient = { n, state: ClientState.JOINING, view: new StateView(), decoder, raw: (bytes) => decoder.decode(bytes, { offset: 1 }), joinAt: t + 3, at: [random() * 40 - 20, random() * 24 - 12], vel: [random() - 0.5, random() - 0.5] };
      interest(c);
      clients.push(c);
    }
    for (const c of clients) {
      if (c.state !== ClientState.JOINING || t < c.joinAt) continue;
      c.decoder.decode(ser.getFullState(c as unknown as Client), { offset: 1 });
      c.state = ClientState.JOINED;
    }
    for (const b of state.bodies.values()) if (random() < 0.5) (b.x += random() - 0.5), (b.z += random() - 0.5), (b.qy = random());
    const bodyIds = [...state.bodies.keys()];
    if (opts.churn && t % 5 === 0) {
      state.bodies.delete(bodyIds[Math.floor(random() * bodyIds.length)]!);
      addBody(`added-${t}`);
    }
    for (const c of clients) {
      for (const k of [0, 1] as const) {
        c.at[k] += c.vel[k];
        if (Math.abs(c.at[k]) > (k ? 12 : 20)) c.vel[k] *= -1;
      }
      const p = state.players.get(`s${c.n}`)!;
      p.x = c.at[0];
      p.z = c.at[1];
      const held = state.bodies.get(bodyIds[(c.n * 7 + t) % bodyIds.length]!);
      if (held && t % 9 === c.n % 9) held.holder = held.holder ? '' : `s${c.n}`;
      if (t % 4 === c.n % 4) interest(c);
    }
    ser.applyPatches(clients as unknown as Client[]);
  }
  return { state, clients };
}

/** Every joined client's players equal the server's, and so does each body in its view (float32 fields). */
function mismatches(state: WorldRoomState, clients: SimClient[]): string[] {
  const f = Math.fround;
  const out: string[] = [];
  for (const c of clients) {
    if (c.state !== ClientState.JOINED) continue;
    const got = c.decoder.state;
    for (const p of state.players.values()) if (got.players?.get(p.sessionId)?.x !== f(p.x)) out.push(`client ${c.n}: player ${p.sessionId}`);
    for (const b of state.bodies.values()) {
      if (!c.view.has(b)) continue;
      const g = got.bodies?.get(b.id);
      if (!g || g.x !== f(b.x) || g.z !== f(b.z) || g.qy !== f(b.qy) || g.holder !== b.holder) out.push(`client ${c.n}: body ${b.id}`);
    }
  }
  return out;
}

function decoderComplaints(): { lines: () => string[] } {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  vi.spyOn(console, 'error').mockImplementation(keep);
  vi.spyOn(console, 'warn').mockImplementation(keep);
  return { lines: () => lines };
}

afterEach(() => vi.restoreAllMocks());

const crowd = { seed: 6, bodies: 200, clients: 16, radius: 8, ticks: 200 };

describe('world room serializer', () => {
  it('the stock serializer of this Colyseus line loses a view patch that outgrows its buffer (why ViewSafeSerializer exists)', () => {
    const log = decoderComplaints();
    simulate((state) => {
      const s = new SchemaSerializer<WorldRoomState>();
      s.reset(state);
      return s;
    }, crowd);
    // When this starts failing, the upgrade fixed the defect: ViewSafeSerializer can go.
    expect(log.lines().some((l) => /refId" not found/.test(l))).toBe(true);
  });

  it('16 clients joining while 200 bodies move decode every patch: no decoder errors, same players and bodies as the server', () => {
    const log = decoderComplaints();
    const overflows: number[] = [];
    const bound = encodedBytesBound();
    const { state, clients } = simulate((state) => {
      const s = new ViewSafeSerializer<WorldRoomState>(() => bound(state), (needed) => overflows.push(needed));
      s.reset(state);
      return s;
    }, crowd);
    expect(log.lines()).toEqual([]);
    expect(overflows).toEqual([]);
    expect(clients.every((c) => c.state === ClientState.JOINED)).toBe(true);
    expect(mismatches(state, clients)).toEqual([]);
  });

  it('the size bound covers the worst case: every body in every view, bodies replaced, multi-byte names', () => {
    const log = decoderComplaints();
    const overflows: number[] = [];
    let largest = 0;
    let boundAtLargest = 0;
    const bound = encodedBytesBound();
    const { state, clients } = simulate((state) => {
      const s = new ViewSafeSerializer<WorldRoomState>(() => bound(state), (needed) => overflows.push(needed));
      s.reset(state);
      const encoder = (s as unknown as { encoder: { encodeView: (...a: unknown[]) => Buffer } }).encoder;
      const encodeView = encoder.encodeView;
      encoder.encodeView = (...a: unknown[]) => {
        const out = encodeView(...a);
        if (out.byteLength > largest) (largest = out.byteLength), (boundAtLargest = bound(state));
        return out;
      };
      return s;
    }, { seed: 3, bodies: 300, clients: 16, radius: 100, ticks: 60, names: '🎮 joueur ✨ ', churn: true });
    expect(log.lines()).toEqual([]);
    expect(overflows).toEqual([]);
    expect(largest).toBeGreaterThan(8 * 1024); // past the library's default buffer
    expect(largest).toBeLessThanOrEqual(boundAtLargest);
    expect(mismatches(state, clients)).toEqual([]);
  });
});
