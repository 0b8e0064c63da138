import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { WORLD_BUDGETS } from '../../shared/world/budgets.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import type { TaskContext } from '../../worker/task-context.js';
import { worldGenerateTask } from '../../worker/tasks/world-generate.js';
import { MeshyClient } from '../../worker/world/providers/meshy.js';
import { validateGlb } from '../../worker/world/validate-glb.js';
import { startFakeComfy3d } from '../fixtures/fake-comfyui-3d.js';
import { startFakeGeminiImage } from '../fixtures/fake-gemini-image.js';
import { startFakeMeshy, type FakeMeshy } from '../fixtures/fake-meshy.js';
import sharp from 'sharp';
import { GeminiImageClient } from '../../worker/world/providers/gemini-image.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-world-prov-'));
let fake: FakeMeshy | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
  delete process.env.MESHY_API_KEY;
  delete process.env.MESHY_BASE_URL;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = (name: string): TaskContext => ({ jobId: name, attempt: 1, dataDir: dir, workDir: join(dir, name), providers: WorkerProviderConfig.parse({}), signal: new AbortController().signal, progress: () => {}, log: () => {} });
const textTo3d = (prompt: string) => {
  const r = composeRecipe(prompt).recipe;
  return { ...r, generationPlan: { ...r.generationPlan, meshStrategy: 'text_to_3d' as const } };
};

describe('Meshy text-to-3D (preview → refine) against the protocol fake', () => {
  it('the client runs preview then refine on it, polls to SUCCEEDED and downloads the GLB', async () => {
    fake = await startFakeMeshy();
    const client = new MeshyClient({ apiKey: 'meshy-test-key', baseUrl: fake.url, pollMs: 5 });
    const steps: string[] = [];
    const mesh = await client.textToMesh({ prompt: 'a red ball', seed: 7, onProgress: (_f, m) => steps.push(m) });
    const posts = fake.calls('/openapi/v2/text-to-3d').filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);
    expect(posts[0]).toMatchObject({ mode: 'preview', prompt: 'a red ball', seed: 7 });
    expect(posts[1]).toMatchObject({ mode: 'refine', preview_task_id: mesh.tasks[0] });
    expect(mesh.tasks).toHaveLength(2);
    expect(steps.some((s) => /preview 100%/.test(s)) && steps.some((s) => /refine 100%/.test(s))).toBe(true);
    expect((await validateGlb(mesh.glb)).errors).toBe(0);
  });

  it('a bad key and a failed refine are clear errors', async () => {
    fake = await startFakeMeshy({ failRefine: 'the prompt was rejected by moderation' });
    await expect(new MeshyClient({ apiKey: 'wrong', baseUrl: fake.url, pollMs: 5 }).textToMesh({ prompt: 'x' })).rejects.toThrow(/401 \(check the Meshy key in Settings → Providers or MESHY_API_KEY\): Invalid API key/);
    await expect(new MeshyClient({ apiKey: 'meshy-test-key', baseUrl: fake.url, pollMs: 5 }).textToMesh({ prompt: 'x' })).rejects.toThrow(/refine-\d+ failed: the prompt was rejected by moderation/);
  });

  it('world.generate with meshStrategy text_to_3d post-processes the provider mesh: metres, budget LODs, its texture at the budget, trace', async () => {
    fake = await startFakeMeshy();
    // The host hands the worker the key from Settings (or MESHY_API_KEY) in the job's provider config.
    const providers = WorkerProviderConfig.parse({ meshy: { url: fake.url, apiKey: 'meshy-test-key' } });
    const recipe = textTo3d('a big bouncy ball');
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a big bouncy ball', recipe, thumbnail: false }, { ...ctx('meshy'), providers }));
    expect(out.providerTrace.find((t) => t.step === 'mesh')).toMatchObject({ provider: 'meshy', model: 'meshy:latest' });
    // The GLB files say who made the mesh, not the post-processing.
    expect([out.glb.provider, ...out.lods.map((l) => l.provider)]).toEqual(['meshy', 'meshy', 'meshy']);
    expect(out.colliderFile.provider).toBe('procedural');
    // 8,064 provider triangles → the prop budgets
    const budget = WORLD_BUDGETS.prop.lods;
    out.triangles.forEach((t, i) => expect(t).toBeLessThanOrEqual(budget[i]![1]));
    // centimetres → the recipe's metres, uniformly (a ball stays round), pivot on the ground
    const size = out.boundsMeters.max.map((v, k) => v - out.boundsMeters.min[k]!);
    expect(Math.max(...size)).toBeCloseTo(Math.max(...recipe.scaleMeters), 3);
    expect(size[0]! / size[1]!).toBeCloseTo(1, 2);
    expect(out.boundsMeters.min[1]).toBeCloseTo(0, 4);
    expect((await validateGlb(new Uint8Array(readFileSync(out.glb.path!)))).errors).toBe(0);
    const doc = await new NodeIO().read(out.glb.path!);
    expect(doc.getRoot().listTextures().map((t) => t.getSize()![0])).toEqual([out.textureSize]);
    expect(out.warnings.some((w) => /mesh by Meshy/.test(w))).toBe(true);
  }, 60_000);

  it('without a Meshy key a text_to_3d recipe is built procedurally, saying so', async () => {
    const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a ball', recipe: textTo3d('a ball'), thumbnail: false }, ctx('nomeshy')));
    expect(out.providerTrace.find((t) => t.step === 'mesh')).toMatchObject({ provider: 'procedural' });
    expect(out.glb.provider).toBe('procedural');
    expect(out.warnings.some((w) => /meshStrategy 'text_to_3d' has no configured provider here: built procedurally/.test(w))).toBe(true);
  }, 60_000);
});

describe('Gemini image textures (generated_pbr) against the protocol fake', () => {
  it('asks the image model for a tileable texture per material and uses it at the budget size; a failed one is baked, saying so', async () => {
    const gem = await startFakeGeminiImage({ color: '#10c040', failOn: 'metal' });
    try {
      const providers = WorkerProviderConfig.parse({ gemini: { url: gem.url, apiKey: 'gemini-test-key' } });
      const r = composeRecipe('a wooden crate').recipe;
      const recipe = { ...r, generationPlan: { ...r.generationPlan, textureStrategy: 'generated_pbr' as const } };
      const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a wooden crate', recipe, thumbnail: false }, { ...ctx('gemini'), providers }));
      const calls = gem.calls('/v1beta/models/gemini-2.5-flash-image:generateContent');
      expect(calls).toHaveLength(2);
      expect(calls.every((c) => c.headers['x-goog-api-key'] === 'gemini-test-key')).toBe(true);
      expect(JSON.stringify(calls.map((c) => c.body))).toMatch(/seamless, tileable.*wood/);
      expect(out.providerTrace.find((t) => t.step === 'texture')).toMatchObject({ provider: 'google-gemini', model: 'gemini-2.5-flash-image' });
      expect(out.warnings.some((w) => /texture for metal baked procedurally: Gemini gemini-2\.5-flash-image answered 500/.test(w))).toBe(true);
      const doc = await new NodeIO().read(out.glb.path!);
      const [wood] = doc.getRoot().listTextures();
      expect(wood!.getSize()).toEqual([out.textureSize, out.textureSize]);
      const { data } = await sharp(Buffer.from(wood!.getImage()!)).raw().toBuffer({ resolveWithObject: true });
      expect([data[0], data[1], data[2]]).toEqual([0x10, 0xc0, 0x40]);
    } finally {
      await gem.close();
    }
  }, 60_000);

  it('a wrong key and a blocked prompt are clear errors', async () => {
    const gem = await startFakeGeminiImage({ blockOn: 'forbidden' });
    try {
      await expect(new GeminiImageClient({ apiKey: 'nope', baseUrl: gem.url }).generateImage({ prompt: 'stone' })).rejects.toThrow(/403 \(check the Gemini API key in Settings → Providers\): API key not valid/);
      await expect(new GeminiImageClient({ apiKey: 'gemini-test-key', baseUrl: gem.url }).generateImage({ prompt: 'a forbidden thing' })).rejects.toThrow(/refused the prompt \(PROHIBITED_CONTENT\)/);
    } finally {
      await gem.close();
    }
  });
});

describe('ComfyUI image-to-3D (Hunyuan3D-2) from a Gemini reference image, against the fakes', () => {
  const imageTo3d = (prompt: string) => {
    const r = composeRecipe(prompt).recipe;
    return { ...r, generationPlan: { ...r.generationPlan, meshStrategy: 'image_to_3d' as const } };
  };

  it('draws a reference with Gemini, uploads it, queues the Hunyuan3D workflow, fetches the GLB and post-processes it', async () => {
    const gem = await startFakeGeminiImage();
    const comfy = await startFakeComfy3d();
    try {
      const providers = WorkerProviderConfig.parse({ gemini: { url: gem.url, apiKey: 'gemini-test-key' }, comfyui: { url: comfy.url } });
      const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a stone vase', recipe: imageTo3d('a stone vase'), thumbnail: false }, { ...ctx('comfy'), providers }));
      expect(JSON.stringify(gem.calls('/v1beta/models/gemini-2.5-flash-image:generateContent')[0]!.body)).toMatch(/a stone vase.*plain white background/);
      expect(comfy.uploads).toHaveLength(1);
      expect(comfy.uploads[0]!.bytes).toBeGreaterThan(1000);
      const [wf] = [...comfy.prompts.values()].map((p) => p.workflow);
      const node = (type: string) => Object.values(wf!).find((n) => n.class_type === type)!;
      expect(node('ImageOnlyCheckpointLoader').inputs.ckpt_name).toBe('hunyuan3d-dit-v2.safetensors');
      expect(String(node('LoadImage').inputs.image)).toMatch(/^auteur-world-.*\.png$/);
      expect(out.providerTrace.find((t) => t.step === 'mesh')).toMatchObject({ provider: 'comfyui', model: 'comfyui:hunyuan3d:hunyuan3d-dit-v2.safetensors' });
      out.triangles.forEach((t, i) => expect(t).toBeLessThanOrEqual(WORLD_BUDGETS.prop.lods[i]![1]));
      expect((await validateGlb(new Uint8Array(readFileSync(out.glb.path!)))).errors).toBe(0);
    } finally {
      await gem.close();
      await comfy.close();
    }
  }, 60_000);

  it('a ComfyUI without the nodes: built procedurally, naming what is missing; a failed prompt fails the job naming the node', async () => {
    const gem = await startFakeGeminiImage();
    const bare = await startFakeComfy3d({ missingNodes: ['VAEDecodeHunyuan3D', 'SaveGLB'] });
    const failing = await startFakeComfy3d({ failWith: 'CUDA out of memory' });
    try {
      const base = { gemini: { url: gem.url, apiKey: 'gemini-test-key' } };
      const out = WorldGenerateOutput.parse(await worldGenerateTask({ prompt: 'a vase', recipe: imageTo3d('a vase'), thumbnail: false }, { ...ctx('bare'), providers: WorkerProviderConfig.parse({ ...base, comfyui: { url: bare.url } }) }));
      expect(out.providerTrace.find((t) => t.step === 'mesh')).toMatchObject({ provider: 'procedural' });
      expect(out.warnings.some((w) => /lacks the Hunyuan3D-2 nodes VAEDecodeHunyuan3D, SaveGLB/.test(w))).toBe(true);
      await expect(worldGenerateTask({ prompt: 'a vase', recipe: imageTo3d('a vase'), thumbnail: false }, { ...ctx('failing'), providers: WorkerProviderConfig.parse({ ...base, comfyui: { url: failing.url } }) })).rejects.toThrow(/failed in VAEDecodeHunyuan3D: CUDA out of memory/);
    } finally {
      await gem.close();
      await bare.close();
      await failing.close();
    }
  }, 60_000);
});
