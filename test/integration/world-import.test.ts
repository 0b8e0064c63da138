import { createRequire } from 'node:module';
import { Document, NodeIO } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDefinition, Entity, World } from '../../shared/schemas/world.js';
import type { WorldWithEntities } from '../../shared/schemas/world-api.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { errorOf, json } from '../helpers/api-json.js';

let host: HostProcess;
let world: World;

beforeAll(async () => {
  host = await startHostProcess(tempHome('auteur-world-import-'));
  world = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Imports', settings: { budget: { maxTriangles: 1000 } } } }), 201);
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

const importGlb = (bytes: Uint8Array, query = '') =>
  host.api(`/world/assets/import${query}`, { method: 'POST', body: Buffer.from(bytes), headers: { 'Content-Type': 'model/gltf-binary', 'X-File-Name': 'stool.glb' } });

/** A grid of `n` quads (2n triangles) `size` metres wide, as a GLB. */
async function gridGlb(quads: number, size = 2, height = 1): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const pos: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < quads; i++) {
    const x0 = (i / quads) * size, x1 = ((i + 1) / quads) * size;
    const b = pos.length / 3;
    pos.push(x0, 0, 0, x1, 0, 0, x1, height, 0, x0, height, 0);
    idx.push(b, b + 1, b + 2, b, b + 2, b + 3);
  }
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(pos)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint32Array(idx)).setBuffer(buffer));
  doc.createScene('s').addChild(doc.createNode('grid').setMesh(doc.createMesh('grid').addPrimitive(prim)));
  return new NodeIO().writeBinary(doc);
}

/** A GLB container around any JSON (and optional BIN chunk). */
function glbOf(json: unknown, bin?: Uint8Array): Uint8Array {
  let text = JSON.stringify(json);
  while (text.length % 4) text += ' ';
  const jsonBytes = Buffer.from(text);
  const binPad = bin ? Buffer.concat([Buffer.from(bin), Buffer.alloc((4 - (bin.length % 4)) % 4)]) : null;
  const total = 12 + 8 + jsonBytes.length + (binPad ? 8 + binPad.length : 0);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(0x46546c67, 0);
  out.writeUInt32LE(2, 4);
  out.writeUInt32LE(total, 8);
  out.writeUInt32LE(jsonBytes.length, 12);
  out.writeUInt32LE(0x4e4f534a, 16);
  jsonBytes.copy(out, 20);
  if (binPad) {
    out.writeUInt32LE(binPad.length, 20 + jsonBytes.length);
    out.writeUInt32LE(0x004e4942, 24 + jsonBytes.length);
    binPad.copy(out, 28 + jsonBytes.length);
  }
  return out;
}

describe('GLB import', () => {
  it('imports a valid GLB content-addressed, spawns it, and the same bytes again reuse the asset', async () => {
    const bytes = await gridGlb(50, 2, 1);
    const first = await json<{ asset: AssetDefinition; reused: boolean; entity: Entity | null }>(await importGlb(bytes, `?worldId=${world.id}&name=Stool`), 201);
    expect(first.reused).toBe(false);
    expect(first.asset.id).toMatch(/^glb_/);
    expect(first.asset.source).toBe('imported');
    expect(first.asset.triangles).toBe(100);
    expect(first.asset.defaultParams.scaleMeters).toEqual([2, 1, 0.01]);
    expect(first.entity?.assetId).toBe(first.asset.id);
    expect(first.entity?.status).toBe('ready');
    const again = await json<{ asset: AssetDefinition; reused: boolean }>(await importGlb(bytes), 200);
    expect(again.reused).toBe(true);
    expect(again.asset.id).toBe(first.asset.id);
    const down = await host.api(`/world/assets/${first.asset.id}/glb`);
    expect(Buffer.from(await down.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses corrupt, truncated, external-URI, over-budget and huge files, each naming the problem', async () => {
    const good = await gridGlb(10);
    const random = await errorOf(await importGlb(new Uint8Array(Buffer.from('this is not a model at all, just text'))), 400);
    expect(random.code).toBe('glb_corrupt');
    expect(random.message).toMatch(/glTF" magic/);
    const truncated = await errorOf(await importGlb(good.subarray(0, good.length - 40)), 400);
    expect(truncated.message).toMatch(/header says \d+ bytes but the file has/);
    const badJson = glbOf({ asset: { version: '2.0' } });
    badJson[21] = 0x7b; // break the JSON
    badJson[20] = 0x5d;
    expect((await errorOf(await importGlb(badJson), 400)).message).toMatch(/JSON chunk does not parse/);

    const external = glbOf({
      asset: { version: '2.0' },
      buffers: [{ uri: 'https://example.com/mesh.bin', byteLength: 36 }],
      images: [{ uri: '../textures/wood.png' }],
    });
    const ext = await errorOf(await importGlb(external), 422);
    expect(ext.code).toBe('glb_external_uri');
    expect(ext.message).toContain('buffers[0].uri = "https://example.com/mesh.bin"');
    expect(ext.message).toContain('images[0].uri = "../textures/wood.png"');

    // A GLB whose accessor points past its buffer: the Khronos validator's errors are named.
    const invalid = glbOf(
      { asset: { version: '2.0' }, buffers: [{ byteLength: 12 }], bufferViews: [{ buffer: 0, byteLength: 120 }], accessors: [{ bufferView: 0, componentType: 5126, count: 10, type: 'VEC3' }], meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }] },
      new Uint8Array(12),
    );
    const inv = await errorOf(await importGlb(invalid), 422);
    expect(inv.code).toBe('glb_invalid');
    expect(inv.message).toMatch(/validator found \d+ error/);

    const over = await errorOf(await importGlb(await gridGlb(600), `?worldId=${world.id}`), 422);
    expect(over.code).toBe('glb_over_budget');
    expect(over.message).toMatch(/1,200 triangles; this world's budget is 1,000/);

    const huge = new Uint8Array(65 * 1024 * 1024);
    const big = await errorOf(await importGlb(huge), 413);
    expect(big.message).toMatch(/64 MB/);
    const entities = await json<WorldWithEntities>(await host.api(`/world/worlds/${world.id}`));
    expect(entities.entities).toHaveLength(1);
  }, 60_000);
});

describe('export and similar', () => {
  it('exports the whole world as one GLB that validates, with a node per entity', async () => {
    await json(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [{ name: 'Proxy', transform: { position: [3, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] }, placeholder: { scaleMeters: [1, 2, 1], color: '#336699', roughness: 0.5, collider: 'box' } }] } }));
    const r = await host.api(`/world/worlds/${world.id}/glb`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('Imports.glb');
    const bytes = new Uint8Array(await r.arrayBuffer());
    const validator = createRequire(import.meta.url)('gltf-validator') as { validateBytes(b: Uint8Array): Promise<{ issues: { numErrors: number } }> };
    expect((await validator.validateBytes(bytes)).issues.numErrors).toBe(0);
    const doc = await new NodeIO().readBinary(bytes);
    const names = doc.getRoot().getDefaultScene()!.listChildren().map((n) => n.getName());
    expect(names).toEqual(['Stool', 'Proxy']);
    expect(doc.getRoot().getDefaultScene()!.listChildren()[1]!.getTranslation()).toEqual([3, 0, 0]);
  });

  it('finds similar assets by recipe embedding, nearest first', async () => {
    const w = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Similar' } }), 201);
    const recipe = (name: string, shape: string, mat: string, size: number[]) => ({ kind: 'prop', shape, name, scaleMeters: size, materials: [{ type: mat }], physics: {} });
    const ids: string[] = [];
    for (const [name, shape, mat, size] of [
      ['Oak crate', 'crate', 'wood', [1, 1, 1]],
      ['Pine crate', 'crate', 'wood', [0.9, 0.9, 0.9]],
      ['Steel barrel', 'barrel', 'metal', [0.6, 0.9, 0.6]],
      ['Stone tower', 'tower', 'stone', [4, 12, 4]],
    ] as const) {
      const r = await json<{ jobId: string }>(await host.api('/world/jobs', { method: 'POST', json: { worldId: w.id, prompt: name, recipe: recipe(name, shape, mat, [...size]) }, headers: { 'Idempotency-Key': `sim-${name}` } }), 202);
      ids.push(r.jobId);
    }
    const assets: string[] = [];
    for (const id of ids) {
      for (let i = 0; i < 240; i++) {
        const s = await json<{ status: string; resultAssetId: string | null; lastError: string | null }>(await host.api(`/world/jobs/${id}`));
        if (s.status === 'ready') {
          assets.push(s.resultAssetId!);
          break;
        }
        expect(s.status, s.lastError ?? '').not.toBe('failed');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    expect(assets).toHaveLength(4);
    const near = await json<{ assets: (AssetDefinition & { distance: number })[] }>(await host.api(`/world/assets/${assets[0]}/similar?limit=3`));
    expect(near.assets[0]!.id).toBe(assets[1]);
    expect(near.assets.map((a) => a.id)).not.toContain(assets[0]);
    expect(near.assets.at(-1)!.distance).toBeGreaterThan(near.assets[0]!.distance);
  }, 180_000);
});
