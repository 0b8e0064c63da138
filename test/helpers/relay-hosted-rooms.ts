import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import type { Clock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import type { CreateHostedRoomBody } from '../../shared/schemas/relay-hosted-rooms.js';
import type { Entity } from '../../shared/schemas/world.js';
import type { RoomStateShape } from '../../shared/world/room-protocol.js';
import { track, type Msg } from './room-messages.js';

/** Fixtures for the hosted-room tests: a world snapshot with one GLB-backed crate and a loose box. */

/** A minimal valid glTF 2.0 binary (header + one JSON chunk), `size`-byte JSON padded with spaces. */
export function tinyGlb(label: string): Buffer {
  let json = Buffer.from(JSON.stringify({ asset: { version: '2.0', generator: label } }));
  const pad = (4 - (json.length % 4)) % 4;
  json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const out = Buffer.alloc(12 + 8 + json.length);
  out.write('glTF', 0, 'latin1');
  out.writeUInt32LE(2, 4);
  out.writeUInt32LE(out.length, 8);
  out.writeUInt32LE(json.length, 12);
  out.write('JSON', 16, 'latin1');
  json.copy(out, 20);
  return out;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function entity(id: string, name: string, x: number, assetId: string | null, bodyType: 'dynamic' | 'static'): Entity {
  const now = new Date().toISOString();
  return {
    id,
    worldId: 'studio-world-1',
    assetId,
    name,
    transform: { position: [x, 0.5, 4], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
    physics: { bodyType, massKg: 2, gravityScale: 1, friction: 0.6, restitution: 0.1, collider: 'box' },
    render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: {} },
    behaviour: { pickupable: true, throwable: true, breakable: false },
    status: 'ready',
    jobId: null,
    parentId: null,
    prefabId: null,
    placeholder: { scaleMeters: [0.6, 0.6, 0.6], color: '#a0522d', roughness: 0.8, collider: 'box' },
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function snapshot(glb: Buffer, extra: Partial<CreateHostedRoomBody> = {}): CreateHostedRoomBody {
  return {
    worldName: 'Hosted crates',
    entities: [entity('crate-1', 'crate', 0, 'asset-crate', 'dynamic'), entity('box-2', 'box', 1.5, null, 'dynamic')],
    terrain: [],
    assets: [{ assetId: 'asset-crate', sha256: sha256(glb), bytes: glb.length, bounds: { min: [-0.3, -0.3, -0.3], max: [0.3, 0.3, 0.3] } }],
    maxPlayers: 4,
    ...extra,
  };
}

export type { Msg } from './room-messages.js';

export async function joinHosted(base: string, roomId: string, opts: { name: string; invite?: string; token?: string }): Promise<{ room: Room<RoomStateShape>; got: Msg[] }> {
  const c = new Client(`${base}/api/v1/hosted-rooms/colyseus`);
  if (opts.token) c.http.authToken = opts.token;
  const room = await c.joinById<RoomStateShape>(roomId, { name: opts.name, ...(opts.invite ? { invite: opts.invite } : {}) });
  return { room, got: track(room) };
}

/** Leaves a room if its socket is still open (leave() on a closed room never settles). */
export async function leaveQuietly(room: Room): Promise<void> {
  await Promise.race([room.leave().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
}

export async function until<T>(fn: () => T | undefined | null | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * An in-process relay (PGlite in a temp dir) for hosted-room suites: fast password hashing, no
 * reconnection window, quiet log; `env` adds or overrides settings. `stop` closes it and removes the dir.
 */
export async function startHostedRoomsRelay(prefix: string, clock: Clock, env: Record<string, string> = {}): Promise<{ relay: Relay; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', RELAY_ROOM_RECONNECT_SEC: '0', ...env }), { clock, log: () => {} });
  return {
    relay,
    stop: async () => {
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
