import { networkInterfaces } from 'node:os';

/** The machine's non-internal IPv4 addresses (what guests on the LAN type or scan). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * DNS-rebinding guard for the LAN listener: guests reach it by IP literal (from the QR code or
 * link), so a Host header that names anything else (evil.example rebinding to our address) is
 * refused. localhost is allowed for the machine's own browser and tests.
 */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const h = hostHeader.toLowerCase();
  const m = /^(.+):(\d+)$/.exec(h);
  if (!m || Number(m[2]) !== port) return false;
  const name = m[1]!;
  if (name === 'localhost' || name === '[::1]') return true;
  const ip = IPV4.exec(name);
  return !!ip && ip.slice(1).every((p) => Number(p) <= 255);
}

/** A WebSocket/fetch Origin must be the page's own origin on this listener (or absent). */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${(hostHeader ?? '').toLowerCase()}`;
}
