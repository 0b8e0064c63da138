import type { HostContext } from '../../host-context.js';
import type { LanService } from '../../lan/lan-service.js';
import type { WorldServices } from '../services.js';

/**
 * What a WorldRoom needs from the host. Colyseus makes rooms itself (matchMaker.createRoom), so
 * they cannot take constructor arguments: the room server sets this once per process (Colyseus'
 * matchmaker is a per-process singleton too) before any room is made.
 */
export interface RoomHostDeps {
  ctx: HostContext;
  services: WorldServices;
  lan: LanService | null;
  /** Reconnection window for a dropped client (seconds). */
  reconnectSec: number;
  /** Unsent bytes after which a client is dropped (tests lower it). */
  maxBacklogBytes: number;
  /** Rooms are made by the host only: onCreate refuses options without this per-process key. */
  createKey: string;
}

let current: RoomHostDeps | null = null;

export function setRoomHostDeps(deps: RoomHostDeps | null): void {
  current = deps;
}

export function roomHostDeps(): RoomHostDeps {
  if (!current) throw new Error('world rooms are not started on this host');
  return current;
}
