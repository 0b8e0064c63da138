import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { ServerEvent } from '../../shared/events.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDefinition, Entity, Prefab, TerrainState, World, WorldJobCreated, WorldJobStatus } from '../../shared/schemas/world.js';
import type { WorldWithEntities } from '../../shared/schemas/world-api.js';
import { createTerrain, encodeChunk, applyStroke, sampleHeight } from '../../shared/world/terrain.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { errorOf, json } from '../helpers/api-json.js';

let host: HostProcess;
let world: World;

beforeAll(async () => {
  // No LLM reachable: world.generate takes the offline composer path (and says so).
  host = await startHostProcess(tempHome('auteur-world-'), { OLLAMA_HOST: await closedPortUrl() });
  world = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Sandbox' } }), 201);
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

const spawn = (body: Record<string, unknown>, key: string | null = randomUUID()) =>
  host.api('/world/jobs', { method: 'POST', json: body, headers: key ? { 'Idempotency-Key': key } : {} });
const raw = (path: string, method: string, text: string) => host.api(path, { method, body: text, headers: { 'Content-Type': 'application/json' } });
const T = (x = 0, y = 0, z = 0) => ({ position: [x, y, z], rotation: [0, 0, 0, 1], scale: [1, 1, 1] });

async function settled(jobId: string): Promise<WorldJobStatus> {
  let last: WorldJobStatus | null = null;
  await waitFor(async () => {
    last = await json<WorldJobStatus>(await host.api(`/world/jobs/${jobId}`));
    return ['ready', 'failed', 'cancelled'].includes(last.status);
  }, `world job ${jobId} to settle`, 120_000, 250);
  return last!;
}

describe('worlds', () => {
  it('creates, lists, renames and loads a world with default settings', async () => {
    expect(world.settings.budget.maxEntities).toBe(2000);
    expect(world.version).toBe(2);
    const list = await json<{ worlds: World[] }>(await host.api('/world/worlds'));
    expect(list.worlds.map((w) => w.id)).toContain(world.id);
    const renamed = await json<World>(await host.api(`/world/worlds/${world.id}`, { method: 'PATCH', json: { name: 'Sandbox 2', settings: { style: 'medieval' } } }));
    expect(renamed.name).toBe('Sandbox 2');
    expect(renamed.settings.style).toBe('medieval');
    expect(renamed.settings.budget.maxEntities).toBe(2000);
    const loaded = await json<WorldWithEntities>(await host.api(`/world/worlds/${world.id}`));
    expect(loaded.migratedFrom).toBeNull();
    const bad = await errorOf(await host.api(`/world/worlds/${world.id}`, { method: 'PATCH', json: { settings: { budget: { maxEntities: 0 } } } }), 400);
    expect(bad.message).toMatch(/maxEntities/);
    await errorOf(await host.api('/world/worlds/nope'), 404);
  });
});

describe('POST /world/jobs', () => {
  it('requires an Idempotency-Key and answers a placeholder at once', async () => {
    const missing = await errorOf(await spawn({ worldId: world.id, prompt: 'a wooden crate' }, null), 400);
    expect(missing.code).toBe('idempotency_key_required');

    const events: ServerEvent[] = [];
    const ws = new WebSocket(`${host.base.replace('http', 'ws')}/api/v1/events?token=${host.token}`);
    await new Promise((r) => ws.once('message', r));
    ws.on('message', (d) => events.push(JSON.parse(d.toString()) as ServerEvent));

    const key = randomUUID();
    const r = await spawn({ worldId: world.id, prompt: 'a large wooden crate', transform: T(2, 0, 1) }, key);
    const first = await json<WorldJobCreated>(r, 202);
    expect(first.jobId).toBeTruthy();
    expect(first.reused).toBe(false);
    expect(first.placeholder.collider).toBe('box');
    expect(first.placeholder.recipe.shape).toBe('crate');
    expect(first.placeholder.scaleMeters.every((v) => v > 0.1 && v < 5)).toBe(true);
    expect(first.entity.status).toBe('draft');
    expect(first.entity.transform.position).toEqual([2, 0, 1]);
    expect(first.entity.placeholder?.color).toMatch(/^#[0-9a-f]{6}$/i);

    // Same key, same body: the same answer (no second job, no second entity).
    const again = await spawn({ worldId: world.id, prompt: 'a large wooden crate', transform: T(2, 0, 1) }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json<WorldJobCreated>(again, 202)).toEqual(first);
    const conflict = await errorOf(await spawn({ worldId: world.id, prompt: 'a barrel' }, key), 409);
    expect(conflict.message).toMatch(/already used/);
    const entities = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`))).entities;
    expect(entities.filter((e) => e.jobId === first.jobId)).toHaveLength(1);

    // The job yields a content-addressed asset; the entity swaps to it.
    const done = await settled(first.jobId!);
    expect(done.status, done.lastError ?? '').toBe('ready');
    // Seed §16 events on the WebSocket: job_progress while it runs, asset_ready for the entity.
    await waitFor(async () => events.some((e) => e.type === 'asset_ready'), 'asset_ready on the WebSocket', 10_000);
    ws.close();
    expect(events.find((e) => e.type === 'asset_ready')).toEqual({ type: 'asset_ready', jobId: first.jobId, worldId: world.id, assetId: done.resultAssetId, entityId: first.entity.id, version: 1 });
    const progress = events.filter((e): e is Extract<ServerEvent, { type: 'job_progress' }> => e.type === 'job_progress' && e.jobId === first.jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => ['generating', 'postprocess'].includes(e.status) && e.worldId === world.id)).toBe(true);
    expect(done.resultAssetId).toMatch(/^wa_/);
    const entity = await json<Entity>(await host.api(`/world/entities/${first.entity.id}`));
    expect(entity.status).toBe('ready');
    expect(entity.assetId).toBe(done.resultAssetId);
    const asset = await json<AssetDefinition>(await host.api(`/world/assets/${done.resultAssetId}`));
    expect(asset.prompt).toBe('a large wooden crate');
    expect(asset.generationRecipe?.shape).toBe('crate');
    expect(asset.providerTrace.length).toBeGreaterThan(0);
    expect(asset.files.glbMediaId).toBeTruthy();
    const glb = await host.api(`/world/assets/${asset.id}/glb`);
    expect(glb.status).toBe(200);
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect(Buffer.from(await glb.arrayBuffer()).subarray(0, 4).toString()).toBe('glTF');
    const dl = await json<{ glb: string; lods: string[]; thumbnail: string | null; collider: string | null }>(await host.api(`/world/assets/${asset.id}/download`));
    expect(dl.glb).toBe(`/api/v1/world/assets/${asset.id}/glb`);
    expect(dl.lods).toHaveLength(asset.files.lodMediaIds.length);
    for (const url of [...dl.lods, dl.collider!]) expect((await host.api(url.replace('/api/v1', ''))).status).toBe(200);

    // The same prompt under a new key reuses the stored asset: ready at once, no new job.
    const reuse = await json<WorldJobCreated>(await spawn({ worldId: world.id, prompt: 'a  Large wooden crate' }), 202);
    expect(reuse.reused).toBe(true);
    expect(reuse.assetId).toBe(asset.id);
    expect(reuse.status).toBe('ready');
    expect(reuse.entity.status).toBe('ready');
    expect(reuse.entity.physics.massKg).toBe(asset.defaultParams.physics.massKg);
    const assets = await json<{ assets: AssetDefinition[] }>(await host.api('/world/assets?q=crate'));
    expect(assets.assets.filter((a) => a.id === asset.id)).toHaveLength(1);
  }, 150_000);

  it('places spawns that bring no transform side by side around the origin, not inside each other', async () => {
    const w = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Placement' } }), 201);
    const made: WorldJobCreated[] = [];
    for (const prompt of ['a large wooden crate', 'a large wooden crate', 'a metal barrel', 'a large wooden crate']) made.push(await json<WorldJobCreated>(await spawn({ worldId: w.id, prompt }), 202));
    expect(made[0]!.entity.transform.position).toEqual([0, 0, 0]);
    const boxes = made.map((m) => ({ p: m.entity.transform.position, s: m.placeholder.scaleMeters }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apartX = Math.abs(a.p[0] - b.p[0]) >= (a.s[0] + b.s[0]) / 2;
        const apartZ = Math.abs(a.p[2] - b.p[2]) >= (a.s[2] + b.s[2]) / 2;
        expect(apartX || apartZ, `spawn ${i} and ${j} overlap: ${JSON.stringify([a, b])}`).toBe(true);
      }
    }
    // Near the origin (the first ring around it), on the ground.
    for (const b of boxes) expect(Math.hypot(b.p[0], b.p[2])).toBeLessThan(6);
    expect(boxes.every((b) => b.p[1] === 0)).toBe(true);
    // On a raised ground it stands on the terrain at its spot, not at y = 0.
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 0, z: 0, radius: 12, strength: 1 });
    const chunks = [...t.chunks.values()].filter((c) => c.heights.some((h) => h !== 0)).map(encodeChunk);
    await json<TerrainState>(await host.api(`/world/worlds/${w.id}/terrain`, { method: 'PUT', json: { chunks } }));
    const onHill = await json<WorldJobCreated>(await spawn({ worldId: w.id, prompt: 'a large wooden crate' }), 202);
    const [x, y, z] = onHill.entity.transform.position;
    expect(y).toBeGreaterThan(0);
    expect(y).toBeCloseTo(sampleHeight(t, x, z), 5);
  });

  it('refuses a recipe with a missing or absurd value naming the field, and clamps what it can', async () => {
    const bad = await errorOf(await spawn({ worldId: world.id, prompt: 'x', recipe: { kind: 'prop', shape: 'box', name: 'B', scaleMeters: [1, null, 1], materials: [{ type: 'wood' }], physics: {} } }), 400);
    expect(bad.message).toMatch(/scaleMeters/);
    const clamped = await json<WorldJobCreated>(
      await spawn({ worldId: world.id, prompt: 'a huge box', recipe: { kind: 'prop', shape: 'box', name: 'Big box', scaleMeters: [1, 5000, 1], materials: [{ type: 'wood' }], physics: {} } }),
      202,
    );
    expect(clamped.placeholder.scaleMeters[1]).toBe(200);
    await settled(clamped.jobId!);
  }, 150_000);
});

describe('entities', () => {
  it('refuses non-finite and out-of-range numbers naming the field', async () => {
    const nullPos = await errorOf(await raw(`/world/worlds/${world.id}/entities`, 'PUT', '{"entities":[{"name":"x","transform":{"position":[0,null,0],"rotation":[0,0,0,1],"scale":[1,1,1]}}]}'), 400);
    expect(nullPos.message).toMatch(/transform\.position\[1\]|position/);
    const inf = await errorOf(await raw(`/world/worlds/${world.id}/entities`, 'PUT', '{"entities":[{"name":"x","transform":{"position":[0,1e999,0],"rotation":[0,0,0,1],"scale":[1,1,1]}}]}'), 400);
    expect(inf.message).toMatch(/position/);
    const nanText = await raw(`/world/worlds/${world.id}/entities`, 'PUT', '{"entities":[{"transform":{"position":[NaN,0,0]}}]}');
    expect(nanText.status).toBe(400);
    const zeroQuat = await errorOf(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [{ transform: { position: [0, 0, 0], rotation: [0, 0, 0, 0], scale: [1, 1, 1] } }] } }), 400);
    expect(zeroQuat.message).toMatch(/rotation/);
    const [e] = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [{ name: 'Ball', transform: T(1, 2, 3) }] } }))).entities;
    const patchBad = await errorOf(await raw(`/world/entities/${e!.id}`, 'PATCH', '{"physics":{"massKg":null}}'), 400);
    expect(patchBad.message).toMatch(/massKg/);
    const unknownAsset = await errorOf(await host.api(`/world/entities/${e!.id}`, { method: 'PATCH', json: { assetId: 'wa_nope' } }), 400);
    expect(unknownAsset.message).toMatch(/assetId wa_nope is not in the asset library/);
    const negMass = await errorOf(await host.api(`/world/entities/${e!.id}`, { method: 'PATCH', json: { physics: { friction: -1 } } }), 400);
    expect(negMass.message).toMatch(/friction/);
  });

  it('upserts, patches, deletes with children, and a reload restores every entity exactly', async () => {
    const w = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Reload' } }), 201);
    const batch = Array.from({ length: 40 }, (_, i) => ({
      name: `Box ${i}`,
      transform: { position: [i * 1.25, 0.5 + i / 7, -i / 3], rotation: [0, Math.sin(i / 2), 0, Math.cos(i / 2)], scale: [1, 1 + i / 10, 1] },
      physics: { massKg: 1 + i, friction: 0.3, restitution: 0.2, bodyType: i % 2 ? 'dynamic' : 'static' },
      render: { tint: '#ff8800', materialOverrides: { wood: { roughness: 0.4 } } },
      behaviour: { breakable: i % 3 === 0 },
    }));
    const made = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: { entities: batch } }))).entities;
    expect(made).toHaveLength(40);
    // A child of entity 0, then an update of entity 1 in the same autosave.
    const saved = (
      await json<{ entities: Entity[] }>(
        await host.api(`/world/worlds/${w.id}/entities`, {
          method: 'PUT',
          json: { entities: [{ name: 'Lid', parentId: made[0]!.id, transform: T(0, 1, 0) }, { id: made[1]!.id, physics: { massKg: 99.5 } }] },
        }),
      )
    ).entities;
    expect(saved[1]!.physics.massKg).toBe(99.5);
    expect(saved[1]!.physics.friction).toBe(0.3);
    const patched = await json<Entity>(await host.api(`/world/entities/${made[2]!.id}`, { method: 'PATCH', json: { transform: T(9, 9, 9), physics: { gravityScale: 0.5 } } }));
    expect(patched.transform.position).toEqual([9, 9, 9]);
    const before = await json<WorldWithEntities>(await host.api(`/world/worlds/${w.id}`));
    expect(before.entities).toHaveLength(41);

    await host.stop();
    host = await startHostProcess(host.home, { OLLAMA_HOST: await closedPortUrl() });
    const after = await json<WorldWithEntities>(await host.api(`/world/worlds/${w.id}`));
    expect(after.entities).toEqual(before.entities);
    expect(after.world.settings).toEqual(before.world.settings);

    const del = await json<{ deleted: string[] }>(await host.api(`/world/worlds/${w.id}/entities/delete`, { method: 'POST', json: { ids: [made[0]!.id] } }));
    expect(del.deleted.sort()).toEqual([made[0]!.id, saved[0]!.id].sort());
    expect((await json<WorldWithEntities>(await host.api(`/world/worlds/${w.id}`))).world.entityCount).toBe(39);
  }, 120_000);

  it('enforces the spawn budget: 10,000 spawns are refused with a clear message and nothing is written', async () => {
    const w = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Budget' } }), 201);
    const many = (n: number) => ({ entities: Array.from({ length: n }, (_, i) => ({ name: `E${i}`, transform: T(i % 100, 0, Math.floor(i / 100)) })) });
    for (let i = 0; i < 2; i++) {
      const e = await errorOf(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: many(5000) }), 409);
      expect(e.code).toBe('budget_exceeded');
      expect(e.message).toMatch(/Spawn budget reached: world "Budget" has 0 of 2000 entities and 5000 more would pass it/);
    }
    expect((await json<WorldWithEntities>(await host.api(`/world/worlds/${w.id}`))).entities).toHaveLength(0);
    await json(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: many(2000) }));
    const viaJob = await errorOf(await spawn({ worldId: w.id, prompt: 'a chair' }), 409);
    expect(viaJob.code).toBe('budget_exceeded');
    expect(viaJob.message).toMatch(/2000 of 2000/);
    const viaSpawn = await errorOf(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: many(1) }), 409);
    expect(viaSpawn.message).toMatch(/settings\.budget\.maxEntities/);
    expect((await json<WorldWithEntities>(await host.api(`/world/worlds/${w.id}`))).world.entityCount).toBe(2000);
  }, 60_000);
});

describe('world versions', () => {
  it('migrates a version-1 world on load (Euler → quaternion, mass → massKg) and repairs an exploded position', async () => {
    const id = randomUUID();
    const db = new Database(join(host.home, 'studio.db'));
    db.pragma('busy_timeout = 10000');
    db.prepare('INSERT INTO world_worlds(id, name, settings, version) VALUES (?, ?, ?, 1)').run(id, 'Old world', JSON.stringify({ style: 'lowpoly', scaleUnit: 'm', allowedKinds: ['prop'] }));
    const ins = db.prepare('INSERT INTO world_entities(id, world_id, name, transform, physics, render, behaviour, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('old-1', id, 'Turned crate', JSON.stringify({ position: [1, 0, 2], rotation: [0, 90, 0], scale: [1, 1, 1] }), JSON.stringify({ bodyType: 'dynamic', mass: 5, gravityScale: 1, friction: 0.5, restitution: 0 }), JSON.stringify({ tint: null }), JSON.stringify({ interaction: { pickup: true } }), 'ready');
    ins.run('old-2', id, 'Exploded', '{"position":[1e999,5,-1e999],"rotation":[0,0,0],"scale":[1,1,1]}', JSON.stringify({ bodyType: 'dynamic', mass: 2 }), '{}', '{}', 'ready');
    ins.run('old-3', id, 'Flung', '{"position":[250000,5,-3],"rotation":[0,0,0],"scale":[0,1,1]}', JSON.stringify({ mass: 1, friction: 'high' }), '{}', '{}', 'ready');
    db.close();

    const loaded = await json<WorldWithEntities>(await host.api(`/world/worlds/${id}`));
    expect(loaded.migratedFrom).toBe(1);
    expect(loaded.world.version).toBe(2);
    expect(loaded.world.settings.budget.maxEntities).toBe(2000);
    const [turned, exploded, flung] = loaded.entities;
    expect(turned!.transform.rotation.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0.7071, 0, 0.7071]);
    expect(turned!.physics.massKg).toBe(5);
    expect(turned!.physics.collider).toBe('box');
    expect(turned!.behaviour.pickupable).toBe(true);
    // Non-finite numbers (stored as null) take the default; out-of-range ones are clamped to the world extent.
    expect(exploded!.transform.position).toEqual([0, 5, 0]);
    expect(flung!.transform.position).toEqual([100000, 5, -3]);
    expect(flung!.transform.scale).toEqual([0.001, 1, 1]);
    expect(flung!.physics.friction).toBe(0.6);
    expect(exploded!.physics.massKg).toBe(2);
    // Migrated once: the next load has nothing to migrate.
    expect((await json<WorldWithEntities>(await host.api(`/world/worlds/${id}`))).migratedFrom).toBeNull();
  });
});

describe('world files', () => {
  it('imports a version-1 world file (migrated, parents kept, unknown assets marked failed) and exports it back losslessly', async () => {
    const t = createTerrain();
    applyStroke(t, { tool: 'lower', x: -10, z: 8, radius: 5, strength: 1 });
    const terrain = [...t.chunks.values()].filter((c) => c.heights.some((h) => h !== 0)).map(encodeChunk);
    const file = {
      format: 'auteur-world',
      version: 1,
      name: 'Shared island',
      settings: { style: 'toon', allowedKinds: ['prop', 'structure'] },
      entities: [
        { id: 'a', name: 'Hut', transform: { position: [0, 0, 0], rotation: [0, 180, 0], scale: [1, 1, 1] }, physics: { bodyType: 'static', mass: 500 } },
        { id: 'b', name: 'Door', parentId: 'a', transform: { position: [0, 0, 1], rotation: [0, 0, 0], scale: [1, 1, 1] }, physics: { mass: 20 }, behaviour: { interaction: { pickup: false } } },
        { id: 'c', name: 'Statue', assetId: 'wa_from_elsewhere', transform: { position: [5, 0, 5], rotation: [0, 0, 0], scale: [1, 1, 1] }, placeholder: { scaleMeters: [1, 2, 1], color: '#aaaaaa', roughness: 0.5, collider: 'box' } },
      ],
      terrain,
    };
    const got = await json<WorldWithEntities>(await host.api('/world/worlds/import', { method: 'POST', json: file }), 201);
    expect(got.migratedFrom).toBe(1);
    expect(got.world).toMatchObject({ name: 'Shared island', version: 2, entityCount: 3 });
    expect(got.world.settings).toMatchObject({ style: 'toon', allowedKinds: ['prop', 'structure'], budget: { maxEntities: 2000 } });
    const [hut, door, statue] = got.entities;
    expect(hut!.transform.rotation.map((v) => Math.round(v * 1e4) / 1e4 + 0)).toEqual([0, 1, 0, 0]);
    expect(hut!.physics).toMatchObject({ bodyType: 'static', massKg: 500 });
    expect(door!.parentId).toBe(hut!.id);
    expect(door!.behaviour.pickupable).toBe(false);
    expect(statue).toMatchObject({ assetId: null, status: 'failed', lastError: 'asset wa_from_elsewhere is not in this library' });
    expect((await json<TerrainState>(await host.api(`/world/worlds/${got.world.id}/terrain`))).chunks.map((c) => c.heights)).toEqual(terrain.map((c) => c.heights));

    const exported = await json<{ version: number; entities: { id: string }[] }>(await host.api(`/world/worlds/${got.world.id}/file`));
    expect(exported.version).toBe(2);
    const again = await json<WorldWithEntities>(await host.api('/world/worlds/import', { method: 'POST', json: exported }), 201);
    expect(again.migratedFrom).toBeNull();
    // Generation state (status, lastError) is not part of a world file.
    const strip = (es: Entity[]) => es.map(({ id, worldId, parentId, createdAt, updatedAt, status, lastError, ...rest }) => ({ ...rest, parent: es.findIndex((x) => x.id === parentId) }));
    expect(strip(again.entities)).toEqual(strip(got.entities));

    const newer = await errorOf(await host.api('/world/worlds/import', { method: 'POST', json: { ...file, version: 99 } }), 400);
    expect(newer.message).toMatch(/newer build \(version 99/);
  });
});

describe('terrain and prefabs', () => {
  it('stores terrain chunks and refuses a malformed one naming the chunk', async () => {
    const t = createTerrain();
    applyStroke(t, { tool: 'raise', x: 3, z: 3, radius: 6, strength: 0.8 });
    const chunks = [...t.chunks.values()].filter((c) => c.heights.some((h) => h !== 0)).map(encodeChunk);
    expect(chunks.length).toBeGreaterThan(0);
    const saved = await json<TerrainState>(await host.api(`/world/worlds/${world.id}/terrain`, { method: 'PUT', json: { chunks } }));
    expect(saved.chunks.map((c) => [c.cx, c.cz, c.revision])).toEqual(expect.arrayContaining(chunks.map((c) => [c.cx, c.cz, 1])));
    const again = await json<TerrainState>(await host.api(`/world/worlds/${world.id}/terrain`, { method: 'PUT', json: { chunks: chunks.slice(0, 1) } }));
    expect(again.chunks.find((c) => c.cx === chunks[0]!.cx && c.cz === chunks[0]!.cz)?.revision).toBe(2);
    const got = await json<TerrainState>(await host.api(`/world/worlds/${world.id}/terrain`));
    expect(got.chunks.find((c) => c.cx === chunks[0]!.cx && c.cz === chunks[0]!.cz)?.heights).toBe(chunks[0]!.heights);
    const bad = await errorOf(await host.api(`/world/worlds/${world.id}/terrain`, { method: 'PUT', json: { chunks: [{ ...chunks[0]!, heights: 'AAAA' }] } }), 400);
    expect(bad.message).toMatch(/terrain chunk .* heights/);
  });

  it('saves a selection with its children as a prefab and spawns it with the same hierarchy', async () => {
    const w = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Prefabs' } }), 201);
    const [table] = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: { entities: [{ name: 'Table', transform: T(5, 0, 5) }] } }))).entities;
    await json(await host.api(`/world/worlds/${w.id}/entities`, { method: 'PUT', json: { entities: [{ name: 'Cup', parentId: table!.id, transform: T(0, 1, 0) }] } }));
    const prefab = await json<Prefab>(await host.api('/world/prefabs', { method: 'POST', json: { name: 'Table set', worldId: w.id, entityIds: [table!.id] } }), 201);
    expect(prefab.nodes.map((n) => n.name)).toEqual(['Table', 'Cup']);
    expect(prefab.nodes[0]!.transform.position).toEqual([0, 0, 0]);
    const inst = await json<{ entities: Entity[] }>(await host.api(`/world/prefabs/${prefab.id}/instantiate`, { method: 'POST', json: { worldId: w.id, transform: T(-3, 0, 2) } }), 201);
    const [root, child] = inst.entities;
    expect(root!.transform.position).toEqual([-3, 0, 2]);
    expect(child!.parentId).toBe(root!.id);
    expect(child!.transform.position).toEqual([0, 1, 0]);
    expect(root!.prefabId).toBe(prefab.id);
    expect((await json<{ prefabs: Prefab[] }>(await host.api('/world/prefabs'))).prefabs.map((p) => p.id)).toContain(prefab.id);
  });
});
