import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, NodeIO } from '@gltf-transform/core';
import type { Room } from 'colyseus.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { users } from '../../relay/db/schema.js';
import type { HostedWorldStarted } from '../../shared/schemas/world-hosted.js';
import type { AssetDefinition, Entity, World } from '../../shared/schemas/world.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { connectStdio } from '../helpers/mcp-clients.js';
import { joinHosted, leaveQuietly, until } from '../helpers/relay-hosted-rooms.js';

/**
 * "Host on community relay" through a real host against a relay started here (PGlite): the host
 * uploads the world (entities + the GLB of an imported asset) with its stored community
 * session; a player joins the relay's room with the invite and loads the same GLB bytes from
 * the relay. A Free account is refused with the relay's message.
 */
describe('World studio → host on community relay', () => {
  let relay: Relay;
  let host: HostProcess;
  let dir: string;
  let world: World;
  let asset: AssetDefinition;
  const open: Room[] = [];
  const call = async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const r = await host.api(path, init);
    return { status: r.status, body: (await r.json()) as any };
  };

  async function glb(): Promise<Uint8Array> {
    const doc = new Document();
    const buffer = doc.createBuffer();
    const prim = doc
      .createPrimitive()
      .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])).setBuffer(buffer))
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint32Array([0, 1, 2])).setBuffer(buffer));
    doc.createScene('s').addChild(doc.createNode('tri').setMesh(doc.createMesh('tri').addPrimitive(prim)));
    return new NodeIO().writeBinary(doc);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'world-hosted-relay-'));
    relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', RELAY_ROOM_RECONNECT_SEC: '0' }), { log: () => {} });
    host = await startHostProcess();
    expect((await call('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } })).status).toBe(200);
    expect((await call('/community/register', { method: 'POST', json: { username: 'worldhost', email: 'worldhost@example.test', password: 'correct horse battery' } })).status).toBeLessThan(300);
    world = (await call('/world/worlds', { method: 'POST', json: { name: 'Relay world' } })).body;
    const imported = await host.api(`/world/assets/import?worldId=${world.id}&name=Tri`, { method: 'POST', body: Buffer.from(await glb()), headers: { 'Content-Type': 'model/gltf-binary', 'X-File-Name': 'tri.glb' } });
    expect(imported.status).toBe(201);
    asset = ((await imported.json()) as { asset: AssetDefinition }).asset;
  }, 180_000);

  afterAll(async () => {
    for (const r of open) await leaveQuietly(r);
    await host?.stop();
    await relay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the world and its GLBs; a player joins with the invite and gets the same GLB', async () => {
    const free = await call('/world-hosted/rooms', { method: 'POST', json: { worldId: world.id } });
    expect(free.status).toBe(403);
    expect(free.body.error).toMatchObject({ code: 'relay_tier_required' });
    expect(free.body.error.message).toMatch(/Pro or Studio/);

    await relay.ctx.db.update(users).set({ subscriptionTier: 'pro' }).where(eq(users.username, 'worldhost'));
    const started = await call('/world-hosted/rooms', { method: 'POST', json: { worldId: world.id, maxPlayers: 3 } });
    expect(started.status).toBe(201);
    const s = started.body as HostedWorldStarted;
    expect(s.relayUrl).toBe(relay.url);
    expect(s.room).toMatchObject({ worldName: 'Relay world', status: 'ready', missingAssets: [], maxPlayers: 3 });
    expect(s.skippedAssets).toEqual([]);
    const shown = (await call(`/world/worlds/${world.id}/entities`)).body.entities as Entity[];
    expect(shown.some((e) => e.assetId === asset.id)).toBe(true);

    const player = await joinHosted(relay.url, s.room.id, { name: 'Remote', invite: s.invite.token });
    open.push(player.room);
    const welcome = await until(() => player.got.find((m) => m.type === 'welcome')?.payload, 'welcome');
    expect(welcome.entities.map((e: Entity) => e.id).sort()).toEqual(shown.map((e) => e.id).sort());
    const fromRelay = Buffer.from(await (await fetch(`${relay.url}/api/v1/hosted-rooms/${s.room.id}/glb/${asset.id}`, { headers: { 'x-hosted-room-invite': s.invite.token } })).arrayBuffer());
    const fromStudio = Buffer.from(await (await host.api(`/world/assets/${asset.id}/glb`)).arrayBuffer());
    expect(fromRelay.equals(fromStudio)).toBe(true);

    const list = await call('/world-hosted/rooms');
    expect(list.body.rooms.map((r: { id: string }) => r.id)).toContain(s.room.id);
    const ended = await call(`/world-hosted/rooms/${s.room.id}`, { method: 'DELETE' });
    expect(ended.body.status).toBe('ended');
  }, 120_000);

  it('the MCP tool world_host_on_relay hosts the same way and returns the join details', async () => {
    const mcp = await connectStdio(host.home);
    try {
      const res = await mcp.client.callTool({ name: 'world_host_on_relay', arguments: { world_id: world.id, max_players: 2 } });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const s = res.structuredContent as { join_url: string; endpoint: string; room_id: string; invite: string; status: string; max_players: number };
      expect(s).toMatchObject({ endpoint: `${relay.url}/api/v1/hosted-rooms/colyseus`, status: 'ready', max_players: 2 });
      // The browser link opens the relay's guest page for this room.
      expect(s.join_url).toBe(`${relay.url}/world-room/${s.room_id}/t/${encodeURIComponent(s.invite)}/`);
      expect((await fetch(`${s.join_url}session.json`)).status).toBe(200);
      const player = await joinHosted(relay.url, s.room_id, { name: 'Agent guest', invite: s.invite });
      open.push(player.room);
      expect((await until(() => player.got.find((m) => m.type === 'welcome')?.payload, 'welcome')).worldName).toBe('Relay world');
      const missing = await mcp.client.callTool({ name: 'world_host_on_relay', arguments: { world_id: 'no-such-world' } });
      expect(missing.isError).toBe(true);
    } finally {
      await mcp.close();
    }
  }, 90_000);
});
