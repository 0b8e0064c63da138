import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { worldAssetId } from '../../shared/world/asset-id.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import { Recipe } from '../../shared/world/recipe.js';
import type { TaskContext } from '../../worker/task-context.js';
import { worldGenerateTask } from '../../worker/tasks/world-generate.js';
import { validateGlb } from '../../worker/world/validate-glb.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-world-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(providers: WorkerProviderConfig, name: string) {
  const logs: string[] = [];
  const ctx: TaskContext = {
    jobId: name, attempt: 1, dataDir: dir, workDir: join(dir, name), providers,
    signal: new AbortController().signal, progress: () => {}, log: (_l, m) => logs.push(m),
  };
  return { ctx, logs };
}

/** What a model might answer for "a rusty oil barrel": valid apart from what the test breaks. */
const llmBarrel = {
  kind: 'prop', shape: 'barrel', name: 'Rusty oil barrel', scaleMeters: [0.6, 0.9, 0.6], style: 'industrial, worn',
  materials: [{ type: 'rust', color: '#8b4a2b', roughness: 0.9, metalness: 0.4 }, { type: 'metal', roughness: 0.4, metalness: 1 }],
  physics: { body: 'dynamic', collider: 'convex_hull', friction: 0.6, restitution: 0.1 },
  interaction: { pickup: false, pushable: true, throwable: false, breakable: false },
  generationPlan: { meshStrategy: 'procedural', textureStrategy: 'procedural', lods: true, maxAttempts: 2, fallbackPolicy: 'procedural_only' },
  params: { hoops: 4, bulge: 0.15, segments: 16 },
};

describe('world.generate against the Ollama protocol fake', () => {
  let fake: FakeOllama;
  beforeEach(async () => {
    fake = await startFakeOllama({ models: ['llama3.2:latest'] });
  });
  afterEach(() => fake.close());

  it('asks the LLM with the world context, repairs an invalid recipe, clamps an absurd size, and builds the asset', async () => {
    // First answer names an unknown shape (refused, naming the field); the repair is valid but 500 m tall.
    fake.reply({ ...llmBarrel, shape: 'oil_drum' }, { ...llmBarrel, scaleMeters: [0.6, 500, 0.6] });
    const providers = WorkerProviderConfig.parse({ ollama: { url: fake.url }, choice: { llm: 'ollama' } });
    const { ctx } = context(providers, 'llm');
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a rusty oil barrel', provider: 'ollama', thumbnail: false, world: { style: 'industrial', allowedKinds: ['prop', 'structure'] } }, ctx));
    const chats = fake.calls('/api/chat');
    expect(chats).toHaveLength(2);
    const first = JSON.stringify(chats[0]!.body);
    expect(first).toMatch(/World style guide: industrial/);
    expect(first).toMatch(/Allowed kinds in this world: prop, structure/);
    expect(first).toMatch(/a rusty oil barrel/);
    expect(JSON.stringify(chats[1]!.body)).toMatch(/shape/); // the repair names the refused field
    const recipe = Recipe.parse(out.recipe);
    expect(recipe).toMatchObject({ shape: 'barrel', name: 'Rusty oil barrel', scaleMeters: [0.6, 200, 0.6], params: { hoops: 4 } });
    expect(out.warnings).toContain('scaleMeters[1] 500 clamped to 200');
    expect(out.warnings.some((w) => /1 repair from ollama/.test(w))).toBe(true);
    expect(out.providerTrace[0]).toEqual({ step: 'recipe', provider: 'ollama', model: 'llama3.2:latest', version: null });
    expect(out.providerTrace.map((t) => t.step)).toEqual(['recipe', 'mesh', 'texture', 'postprocess']);
    expect(out.fallbackUsed).toBe(false);
    expect(out.assetId).toBe(worldAssetId(recipe));
    expect(out.glb).toMatchObject({ mime: 'model/gltf-binary', provider: 'procedural' });
    expect((await validateGlb(new Uint8Array(readFileSync(out.glb.path!)))).errors).toBe(0);
    expect(out.lods).toHaveLength(2);
    expect(out.collider.type).toBe('convex_hull');
    expect(JSON.parse(readFileSync(out.colliderFile.path!, 'utf8'))).toEqual(out.collider);
  }, 60_000);

  it("'auto' with an LLM that never answers validly falls back to the offline composer and says why", async () => {
    fake.reply('not json at all', 'still not json', 'nope');
    const providers = WorkerProviderConfig.parse({ ollama: { url: fake.url } });
    const { ctx } = context(providers, 'auto-bad');
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a wooden table', provider: 'auto', thumbnail: false }, ctx));
    expect(out.fallbackUsed).toBe(true);
    expect(out.fallbackReason).toMatch(/Ollama \(llama3\.2:latest\) gave no valid recipe/);
    expect(out.providerTrace[0]).toMatchObject({ step: 'recipe', provider: 'procedural', model: 'compose-recipe' });
    expect(Recipe.parse(out.recipe).shape).toBe('table');
  }, 60_000);
});

describe('world.generate without a usable LLM', () => {
  it("'auto' with nothing reachable: the composer, with the reason", async () => {
    const providers = WorkerProviderConfig.parse({ ollama: { url: await closedPortUrl() } });
    const { ctx } = context(providers, 'offline');
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a red chair', provider: 'auto', thumbnail: false }, ctx));
    expect(out.fallbackUsed).toBe(true);
    expect(out.fallbackReason).toMatch(/no LLM is usable/);
    expect(Recipe.parse(out.recipe)).toMatchObject({ shape: 'chair', materials: [{ color: '#b83a32' }] });
  }, 60_000);

  it('an explicit provider that is not usable fails clearly (no silent fallback)', async () => {
    const providers = WorkerProviderConfig.parse({ ollama: { url: await closedPortUrl() } });
    const { ctx } = context(providers, 'explicit');
    await expect(worldGenerateTask({ prompt: 'a red chair', provider: 'anthropic' }, ctx)).rejects.toThrow(/No Anthropic API key is set/);
    await expect(worldGenerateTask({ prompt: 'a red chair', provider: 'comfyui' }, ctx)).rejects.toThrow(/comfyui cannot provide llm/);
  }, 60_000);

  it('a given recipe is built as is; a refused one fails naming the field', async () => {
    const providers = WorkerProviderConfig.parse({});
    const recipe = { ...composeRecipe('a tall stone tower').recipe, params: { floors: 5, crenels: 12 } };
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'ignored', recipe, provider: 'auto', thumbnail: false }, context(providers, 'given').ctx));
    expect(Recipe.parse(out.recipe).params).toEqual({ floors: 5, crenels: 12 });
    expect(out.providerTrace[0]).toMatchObject({ step: 'recipe', provider: 'input' });
    await expect(worldGenerateTask({ prompt: '', recipe: { ...recipe, scaleMeters: [1, Number.NaN, 1] } }, context(providers, 'bad').ctx)).rejects.toThrow(/recipe\.scaleMeters\.1/);
  }, 60_000);
});

describe('world.generate through a real host', () => {
  let host: HostProcess;
  beforeAll(async () => {
    host = await startHostProcess(tempHome('auteur-world-gen-host-'), { OLLAMA_HOST: await closedPortUrl() });
  }, 60_000);
  afterAll(() => host?.stop());

  it('runs as a job in the worker pool; the GLB lands in the media store and validates; the same prompt gives the same assetId', async () => {
    const run = async () => {
      const { status, job } = await createJob(host, { kind: 'world.generate', input: { prompt: 'a small wooden crate', provider: 'procedural' } });
      expect(status).toBe(201);
      return waitForJob(host, job.id, (j) => ['succeeded', 'failed', 'completed_with_problems'].includes(j.status), 'world.generate', 120_000);
    };
    const a = await run();
    expect(a.error).toBeNull();
    expect(a.status).toBe('succeeded');
    const out = WorldGenerateOutput.parse(a.result);
    expect(out.fallbackUsed).toBe(false);
    expect(out.glb.bytes).toBeGreaterThan(1000);
    // The world job hook (electron/host/world/job-hooks.ts) moved the files into the media store.
    expect(out.glb.mediaId).toBeTruthy();
    const res = await host.api(`/media/${out.glb.mediaId}/file`);
    expect(res.status).toBe(200);
    expect((await validateGlb(new Uint8Array(await res.arrayBuffer()))).errors).toBe(0);
    // The "does it render" check: a thumbnail drawn in the headless Chromium, stored too.
    expect(out.thumbnail?.mediaId).toBeTruthy();
    const thumb = await host.api(`/media/${out.thumbnail!.mediaId}/file`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toMatch(/image\/png/);
    const b = await run();
    expect(WorldGenerateOutput.parse(b.result).assetId).toBe(out.assetId);
  }, 240_000);
});
