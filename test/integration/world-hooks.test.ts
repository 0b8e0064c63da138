import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import { jobs } from '../../electron/host/db/schema.js';
import type { CoreContext } from '../../electron/host/host-context.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { createLogger } from '../../electron/host/logger.js';
import { worldServices, type WorldServices } from '../../electron/host/world/services.js';
import type { WorldGenerateInput, WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import type { ServerEvent } from '../../shared/events.js';
import type { CreateWorldJobBody, World } from '../../shared/schemas/world.js';
import { tempHome } from '../helpers/host-process.js';

let core: CoreContext;
let svc: WorldServices;
let world: World;
const events: ServerEvent[] = [];

beforeAll(async () => {
  const dataDir = resolveDataDir(tempHome('auteur-world-hooks-'));
  ensureDataDir(dataDir);
  core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop(); // the tests play the worker's part
  svc = worldServices(core);
  world = svc.worlds.create({ name: 'Hooks' });
  core.bus.subscribe((e) => events.push(e));
});
afterAll(() => closeCore(core));

const row = (id: string) => core.database.db.select().from(jobs).where(eq(jobs.id, id)).get() as JobRow;
const hook = () => core.hooks.get('world.generate')!;
const spawn = (body: Partial<CreateWorldJobBody>) => svc.generation.create({ worldId: world.id, prompt: 'a wooden barrel', negativePrompt: '', draft: true, ...body }, randomUUID()).answer;
const lastOf = <T extends ServerEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<ServerEvent, { type: T }> | undefined;

describe('world.generate failure: the recipe fallbackPolicy', () => {
  it('downgrade: a failed text-to-3D job is rebuilt on the procedural path, and a failed fallback keeps the placeholder', async () => {
    const a = spawn({ prompt: 'a rusty forklift', generationPlan: { meshStrategy: 'text_to_3d', fallbackPolicy: 'downgrade', maxAttempts: 1 } });
    expect(a.fallbackPolicy).toBe('downgrade');
    expect(a.maxAttempts).toBe(1);
    expect(core.jobs.get(a.jobId!).maxAttempts).toBe(1);
    await hook().onFailed!(row(a.jobId!), 'meshy: connection refused');

    const e = svc.entities.get(a.entity.id);
    expect(e.jobId).not.toBe(a.jobId);
    expect(e.status).toBe('draft');
    expect(e.lastError).toMatch(/generation failed \(meshy: connection refused\); downgrade/);
    const next = core.jobs.get(e.jobId!);
    expect(next.kind).toBe('world.generate');
    const input = next.input as WorldGenerateInput;
    expect(input.provider).toBe('procedural');
    expect((input.recipe as { generationPlan: { meshStrategy: string } }).generationPlan.meshStrategy).toBe('procedural');
    expect(lastOf('job_failed')).toMatchObject({ jobId: a.jobId, entityId: a.entity.id, worldId: world.id, fallbackPolicy: 'downgrade', action: 'downgrade', error: 'meshy: connection refused' });
    expect(svc.generation.status(next.id).entityId).toBe(a.entity.id);

    // The fallback fails too: no loop, the placeholder stays with the error.
    await hook().onFailed!(row(next.id), 'procedural build crashed');
    const failed = svc.entities.get(a.entity.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe('procedural build crashed');
    expect(failed.jobId).toBe(next.id);
    expect(lastOf('job_failed')).toMatchObject({ jobId: next.id, action: 'keep_placeholder' });
  });

  it('procedural_only (the composer default): a flat-textured parametric proxy without LODs', async () => {
    const a = spawn({ prompt: 'a tall lamp' });
    expect(a.fallbackPolicy).toBe('procedural_only');
    await hook().onFailed!(row(a.jobId!), 'worker crashed');
    const e = svc.entities.get(a.entity.id);
    const plan = ((core.jobs.get(e.jobId!).input as WorldGenerateInput).recipe as { generationPlan: Record<string, unknown> }).generationPlan;
    expect(plan).toMatchObject({ meshStrategy: 'procedural', textureStrategy: 'flat', lods: false });
    expect(lastOf('job_failed')?.action).toBe('procedural_only');
  });

  it('keep_placeholder, and a cancelled job, leave the placeholder marked failed; retry puts it back to draft', async () => {
    const a = spawn({ prompt: 'a stone bench', generationPlan: { fallbackPolicy: 'keep_placeholder' } });
    await hook().onFailed!(row(a.jobId!), 'timeout');
    expect(svc.entities.get(a.entity.id)).toMatchObject({ status: 'failed', lastError: 'timeout', jobId: a.jobId });
    expect(lastOf('job_failed')).toMatchObject({ action: 'keep_placeholder', fallbackPolicy: 'keep_placeholder' });

    const b = spawn({ prompt: 'a glass bottle' });
    core.database.db.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, b.jobId!)).run();
    await hook().onFailed!(row(b.jobId!), 'cancelled by the user');
    expect(svc.entities.get(b.entity.id)).toMatchObject({ status: 'failed', lastError: 'generation cancelled; the placeholder stays' });
    // No fallback job for a cancelled one.
    expect(core.jobs.list({ kind: 'world.generate', limit: 500 }).filter((j) => (j.input as WorldGenerateInput).prompt === 'a glass bottle')).toHaveLength(1);

    core.database.db.update(jobs).set({ status: 'failed', cancelRequested: false, error: 'timeout' }).where(eq(jobs.id, a.jobId!)).run();
    const retried = svc.generation.retry(a.jobId!);
    expect(retried.status).toBe('queued');
    expect(svc.entities.get(a.entity.id)).toMatchObject({ status: 'draft', lastError: null });
  });
});

describe('world.generate success', () => {
  const produced = (name: string) => {
    const dir = join(core.dataDir.mediaDir, 'incoming', randomUUID());
    mkdirSync(dir, { recursive: true });
    const file = (ext: string, body: string) => {
      const p = join(dir, `${name}.${ext}`);
      writeFileSync(p, body);
      return { path: p, mediaId: null, mime: ext === 'png' ? 'image/png' : ext === 'json' ? 'application/json' : 'model/gltf-binary', bytes: body.length, provider: 'procedural' as const, model: 'world-procedural-1' };
    };
    return { glb: file('glb', `glTF ${name} lod0`), lod1: file('lod1.glb', `glTF ${name} lod1`), thumb: file('png', `png ${name}`), collider: file('json', '{}') };
  };
  const output = (assetId: string, f: ReturnType<typeof produced>): WorldGenerateOutput => ({
    assetId,
    recipe: { kind: 'prop', shape: 'barrel', name: 'Barrel', scaleMeters: [0.6, 0.9, 0.6], materials: [{ type: 'wood' }], physics: { body: 'dynamic', collider: 'convex_hull' } },
    glb: f.glb,
    lods: [f.lod1],
    thumbnail: f.thumb,
    colliderFile: f.collider,
    collider: { type: 'convex_hull', points: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1] },
    massKg: 42.5,
    boundsMeters: { min: [-0.3, 0, -0.3], max: [0.3, 0.9, 0.3] },
    triangles: [900, 400, 120],
    textureSize: 256,
    terrainStamp: null,
    providerTrace: [{ step: 'recipe', provider: 'procedural', model: 'composer', version: null }, { step: 'mesh', provider: 'procedural', model: 'templates', version: 'world-procedural-1' }],
    fallbackUsed: false,
    fallbackReason: null,
    validation: { errors: 0, warnings: 0, validator: 'gltf-validator' },
    warnings: [],
  });

  it('registers the asset once by content hash, swaps every waiting entity to it and sends asset_ready; a regeneration is the next version', async () => {
    const a = spawn({ prompt: 'an oak barrel' });
    const b = spawn({ prompt: 'an oak barrel' }); // joins the running job
    expect(b.jobId).toBe(a.jobId);
    const stored = (await hook().onSucceeded!(row(a.jobId!), output('wa_test_barrel', produced('barrel')))) as WorldGenerateOutput;
    expect(stored.glb.path).toBeNull();
    expect(stored.glb.mediaId).toBeTruthy();
    const asset = svc.assets.get('wa_test_barrel');
    expect(asset).toMatchObject({ kind: 'prop', source: 'procedural', prompt: 'an oak barrel', version: 1, parentAssetId: null, triangles: 900 });
    expect(asset.files.lodMediaIds).toHaveLength(1);
    expect(asset.files.thumbnailMediaId).toBeTruthy();
    expect(asset.defaultParams.physics).toMatchObject({ massKg: 42.5, collider: 'convex_hull' });
    expect(asset.defaultParams.scaleMeters).toEqual([0.6, 0.9, 0.6]);
    for (const id of [a.entity.id, b.entity.id]) {
      expect(svc.entities.get(id)).toMatchObject({ status: 'ready', assetId: 'wa_test_barrel', lastError: null });
      expect(events).toContainEqual({ type: 'asset_ready', jobId: a.jobId, worldId: world.id, assetId: 'wa_test_barrel', entityId: id, version: 1 });
    }

    // Another job that yields the same content hash reuses the stored asset (no second row).
    const c = spawn({ prompt: 'an oak barrel', seed: 7 });
    expect(c.jobId).not.toBe(a.jobId);
    await hook().onSucceeded!(row(c.jobId!), output('wa_test_barrel', produced('barrel2')));
    expect(svc.assets.list({ limit: 500 }).filter((x) => x.id === 'wa_test_barrel')).toHaveLength(1);

    // Regenerating an entity: the new asset is version 2 with the old one as parent.
    const regen = svc.generation.create({ worldId: world.id, entityId: a.entity.id, prompt: 'an oak barrel', negativePrompt: '', draft: true, recipe: { kind: 'prop', shape: 'barrel', name: 'Barrel', scaleMeters: [0.7, 1.1, 0.7], materials: [{ type: 'wood' }], physics: {} } }, randomUUID()).answer;
    expect(regen.entity.id).toBe(a.entity.id);
    expect(svc.entities.get(a.entity.id).status).toBe('draft');
    await hook().onSucceeded!(row(regen.jobId!), output('wa_test_barrel_v2', produced('barrel3')));
    expect(svc.assets.get('wa_test_barrel_v2')).toMatchObject({ version: 2, parentAssetId: 'wa_test_barrel' });
    expect(svc.entities.get(a.entity.id).assetId).toBe('wa_test_barrel_v2');
  });
});
