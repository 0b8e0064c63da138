import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Document, NodeIO } from '@gltf-transform/core';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanStatus } from '../../shared/schemas/lan.js';
import type { AssetDefinition, Entity, World } from '../../shared/schemas/world.js';
import type { WorldRoomSession } from '../../shared/schemas/world-room.js';
import type { RoomStateShape } from '../../shared/world/room-protocol.js';
import { json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

/**
 * Issue 12 proof, the LAN guest path: with "Share on my network" on, a guest reaches a hosted
 * world only through the world-room scope of the LAN listener, with the session's invite token in
 * the path and no studio token. It joins the room and sees the bodies; a wrong, revoked or expired
 * token is refused; GLBs are served by id only for assets of that world, and nothing of the studio.
 */
let host: HostProcess;
let lan: LanStatus;
let world: World;
let crate: Entity;
let inWorld: AssetDefinition;
let elsewhere: AssetDefinition;
const home = tempHome('auteur-world-room-lan-');
const rooms: Room[] = [];
// An invite that expired a minute ago, seeded in the invite store before the host starts (invites
// live at least 60 s, too long to wait for in a test). Stored as its hash, as the host stores it.
const expiredToken = randomBytes(24).toString('base64url');
const expiredFor = 'expired-world';

const lanUrl = (path: string) => `http://127.0.0.1:${lan.port}${path}`;
const tokenOf = (url: string) => new URL(url).searchParams.get('invite')!;
const guestClient = (token: string, worldId = world.id) => new Client(lanUrl(`/world-room/${worldId}/t/${token}/colyseus`));

async function glb(size: number): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, size, 0, 0, 0, size, 0])).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint32Array([0, 1, 2])).setBuffer(buffer));
  doc.createScene('s').addChild(doc.createNode('tri').setMesh(doc.createMesh('tri').addPrimitive(prim)));
  return new NodeIO().writeBinary(doc);
}
const importGlb = async (bytes: Uint8Array, query: string) =>
  (await json<{ asset: AssetDefinition }>(await host.api(`/world/assets/import${query}`, { method: 'POST', body: Buffer.from(bytes), headers: { 'Content-Type': 'model/gltf-binary', 'X-File-Name': 'tri.glb' } }), 201)).asset;

beforeAll(async () => {
  mkdirSync(join(home, 'lan'), { recursive: true });
  const past = Date.now() - 60_000;
  writeFileSync(join(home, 'lan', 'invites.json'), JSON.stringify({ invites: [{
    id: randomUUID(), scope: 'world-room', resourceId: expiredFor, createdAt: new Date(past - 3_600_000).toISOString(),
    expiresAt: new Date(past).toISOString(), hash: createHash('sha256').update(expiredToken).digest('hex'),
  }] }));
  host = await startHostProcess(home);
  lan = await json<LanStatus>(await host.api('/lan', { method: 'PUT', json: { enabled: true, port: 0 } }));
  expect(lan.running).toBe(true);
  world = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Secret LAN world' } }), 201);
  crate = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [{
    name: 'crate',
    transform: { position: [0, 0.5, 4], rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
    physics: { bodyType: 'dynamic', massKg: 2 },
    placeholder: { scaleMeters: [0.6, 0.6, 0.6], color: '#a0522d', roughness: 0.8, collider: 'box' },
  }] } }))).entities[0]!;
  inWorld = await importGlb(await glb(1), `?worldId=${world.id}&name=Shown`);
  elsewhere = await importGlb(await glb(2), '?name=Library%20only');
}, 90_000);

afterAll(async () => {
  for (const r of rooms) await r.leave().catch(() => undefined);
  await host?.stop();
});

describe('world room over the LAN listener', () => {
  it('lets an invited guest join with the path token alone, and refuses wrong, revoked and expired tokens', async () => {
    const session = await json<WorldRoomSession>(await host.api('/world-room/sessions', { method: 'POST', json: { worldId: world.id } }), 201);
    expect(session.invite).not.toBeNull();
    const token = tokenOf(session.invite!.url);
    const base = `/world-room/${world.id}/t/${token}/`;

    const info = await json<{ id: string; worldName: string }>(await fetch(lanUrl(`${base}session.json`)));
    expect(info).toMatchObject({ id: world.id, worldName: 'Secret LAN world' });

    // No studio token anywhere: the invite in the path is the only credential.
    const guest = await guestClient(token).joinById<RoomStateShape>(world.id, { name: 'Guest' });
    rooms.push(guest);
    await waitFor(async () => guest.state.bodies?.has(crate.id) && guest.state.players?.get(guest.sessionId)?.isHost === false, 'guest sees the crate as a non-host player', 20_000);
    expect(guest.state.worldId).toBe(world.id);

    // Dev stats: the host measures each client's round trip itself (WebSocket ping with its send time).
    let stats: { players: { sessionId: string; rttMs: number | null }[] } | null = null;
    guest.onMessage('dev_stats', (m) => (stats = m));
    guest.send('dev_stats', { on: true });
    const { rtt } = await waitFor(async () => {
      const r = stats?.players.find((p) => p.sessionId === guest.sessionId)?.rttMs;
      return typeof r === 'number' ? { rtt: r } : undefined;
    }, 'dev stats with the guest rtt', 15_000);
    expect(rtt).toBeGreaterThanOrEqual(0);
    expect(rtt).toBeLessThan(5_000);

    await expect(guestClient('x'.repeat(32)).joinById(world.id, { name: 'Wrong' })).rejects.toThrow();
    expect((await fetch(lanUrl(`/world-room/${world.id}/t/${'x'.repeat(32)}/session.json`))).status).toBe(401);
    // An invite of another world does not open this one.
    expect((await fetch(lanUrl(`/world-room/${world.id}/t/${expiredToken}/session.json`))).status).toBe(403);
    const expired = await fetch(lanUrl(`/world-room/${expiredFor}/t/${expiredToken}/session.json`));
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('invite_expired');
    await expect(guestClient(expiredToken, expiredFor).joinById(expiredFor, { name: 'Late' })).rejects.toThrow();

    // Revoking the invite closes the door to new joins with the old token.
    expect((await host.api(`/world-room/sessions/${world.id}/invite`, { method: 'DELETE' })).status).toBeLessThan(300);
    const revoked = await fetch(lanUrl(`${base}session.json`));
    expect(revoked.status).toBe(403);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('invite_revoked');
    await expect(guestClient(token).joinById(world.id, { name: 'Revoked' })).rejects.toThrow();
  }, 60_000);

  it('serves GLBs of this world by id under the scope and nothing else', async () => {
    const again = await json<{ url: string }>(await host.api(`/world-room/sessions/${world.id}/invite`, { method: 'POST', json: {} }), 201);
    const token = tokenOf(again.url);
    const base = `/world-room/${world.id}/t/${token}/`;

    // The guest page itself (rooms/world/guest-page.ts): the studio bundle under the invite path, sockets back to this host only.
    const page = await fetch(lanUrl(base));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+;/);
    expect(await page.text()).toContain(`"${base}assets/`);

    const ok = await fetch(lanUrl(`${base}glb/${inWorld.id}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('model/gltf-binary');
    const bytes = Buffer.from(await ok.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('glTF');
    const studio = Buffer.from(await (await host.api(`/world/assets/${inWorld.id}/glb`)).arrayBuffer());
    expect(bytes.equals(studio)).toBe(true);

    // A library asset that this world does not show, the studio API, the studio's own asset route:
    // all 404 with no studio data in the body.
    for (const path of [`${base}glb/${elsewhere.id}`, `${base}api/v1/world/worlds`, `${base}world/assets/${inWorld.id}/glb`, `/api/v1/world/worlds`, `/api/v1/world/assets/${inWorld.id}/glb`, `/world/assets/${inWorld.id}/glb`]) {
      const r = await fetch(lanUrl(path));
      expect(r.status, path).toBe(404);
      const text = await r.text();
      expect(text, path).not.toContain('Secret LAN world');
      expect(text, path).not.toContain('glTF');
    }
    // Dot segments are resolved before the request is sent: the token slot then holds "api" → refused.
    const dots = await fetch(lanUrl(`${base}glb/../../api/v1/world/worlds`));
    expect(dots.status).toBe(401);
    expect(await dots.text()).not.toContain('Secret LAN world');
  }, 60_000);
});
