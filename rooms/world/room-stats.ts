import { bodyStateHash, type RoomBodyShape } from '../../shared/world/room-protocol.js';

/** How many recent ticks the tick-time percentiles cover. */
const TICK_WINDOW = 600;
/** How many past patches a client may verify against. */
const VERIFY_RING = 60;

/** What a verify hash covers of a body: its id and pose (the protocol's body shape). */
export type BodyRow = Pick<RoomBodyShape, 'id' | 'x' | 'y' | 'z' | 'qx' | 'qy' | 'qz' | 'qw'>;

/** Per-client counters: bytes sent (every frame Colyseus writes), message rate, verify hashes. */
export class ClientMeter {
  bytes = 0;
  private windowStart = Date.now();
  private windowBytes = 0;
  bytesPerSec = 0;
  msgCount = 0;
  msgWindowStart = Date.now();
  floodingSince: number | null = null;
  rttMs: number | null = null;
  wantsStats = false;
  /** tick → [hash, count] of the bodies in this client's view at that patch (only once it asked to verify). */
  hashes: Map<number, [string, number]> | null = null;

  count(n: number): void {
    this.bytes += n;
    this.windowBytes += n;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.bytesPerSec = Math.round((this.windowBytes * 1000) / (now - this.windowStart));
      this.windowBytes = 0;
      this.windowStart = now;
    }
  }

  record(tick: number, rows: BodyRow[]): void {
    if (!this.hashes) return;
    const h = bodyStateHash(rows);
    this.hashes.set(tick, [h.hash, h.count]);
    if (this.hashes.size > VERIFY_RING) this.hashes.delete(this.hashes.keys().next().value!);
  }
}

/** Tick time percentiles over the last TICK_WINDOW ticks. */
export class TickTimer {
  private samples = new Float64Array(TICK_WINDOW);
  private n = 0;
  last = 0;

  add(ms: number): void {
    this.last = ms;
    this.samples[this.n++ % TICK_WINDOW] = ms;
  }

  percentiles(): { last: number; p50: number; p95: number } {
    const len = Math.min(this.n, TICK_WINDOW);
    if (!len) return { last: 0, p50: 0, p95: 0 };
    const s = Array.from(this.samples.subarray(0, len)).sort((a, b) => a - b);
    const at = (p: number) => s[Math.min(len - 1, Math.floor(p * len))]!;
    const r = (v: number) => Math.round(v * 1000) / 1000;
    return { last: r(this.last), p50: r(at(0.5)), p95: r(at(0.95)) };
  }
}

interface RttSocket {
  readyState: number;
  ping(data: string): void;
  on(event: 'pong', cb: (data: Buffer) => void): unknown;
}
const RTT_TAG = 'rtt:';
const listening = new WeakSet<object>();

/**
 * Round-trip time measured by the server itself: a WebSocket ping whose payload is its send time.
 * Every client answers pings at the protocol level (browsers and Node alike), so no client code or
 * cooperation is needed; the transport's own keep-alive pings carry no tag and are ignored.
 */
export function pingForRtt(ws: unknown, meter: ClientMeter): void {
  const s = ws as RttSocket | undefined;
  if (!s || typeof s.ping !== 'function' || s.readyState !== 1) return;
  if (!listening.has(s)) {
    listening.add(s);
    s.on('pong', (data) => {
      const text = data.toString();
      if (!text.startsWith(RTT_TAG)) return;
      const sent = Number(text.slice(RTT_TAG.length));
      if (Number.isFinite(sent)) meter.rttMs = Math.round((performance.now() - sent) * 10) / 10;
    });
  }
  s.ping(RTT_TAG + performance.now().toFixed(3));
}
