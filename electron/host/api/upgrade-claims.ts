import type { IncomingMessage } from 'node:http';

/**
 * Several features accept WebSocket upgrades on the host's one HTTP server (events, watch party,
 * world rooms). Each 'upgrade' listener claims the requests it serves, synchronously; the events
 * socket answers 404 on the next tick only for requests nobody claimed.
 */
const claimed = new WeakSet<IncomingMessage>();

export function claimUpgrade(req: IncomingMessage): void {
  claimed.add(req);
}

export function isUpgradeClaimed(req: IncomingMessage): boolean {
  return claimed.has(req);
}
