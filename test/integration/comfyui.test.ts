import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImageGenerateInput, type ImageGenerateOutput } from '../../shared/jobs/image-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { ComfyClient } from '../../worker/providers/comfyui/client.js';
import { comfyuiProvider } from '../../worker/providers/comfyui/provider.js';
import { loadTemplate, fillTemplate } from '../../worker/providers/comfyui/workflows.js';
import { ProviderError } from '../../worker/providers/types.js';
import { CancelledError, type TaskContext } from '../../worker/task-context.js';
import { imageGenerateTask } from '../../worker/tasks/image-generate.js';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { MediaStore } from '../../electron/host/media/media-store.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { startFakeComfy, type FakeComfy } from '../fixtures/fake-comfyui.js';

let dataDir: string;
let database: Database_;
let media: MediaStore;
let ollamaUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'auteur-comfy-'));
  database = openDatabase(join(dataDir, 'studio.db'));
  media = new MediaStore(database.db, join(dataDir, 'media'));
  // No Ollama in these tests: the GPU prep finds nothing to unload and moves on.
  ollamaUrl = await closedPortUrl();
});
afterAll(() => {
  database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let fake: FakeComfy | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

let jobCounter = 0;
function context(comfyUrl: string, signal = new AbortController().signal) {
  const jobId = `job${String(++jobCounter).padStart(4, '0')}-comfy-test`;
  const workDir = join(dataDir, 'media', 'incoming', `${jobId}-1`);
  mkdirSync(workDir, { recursive: true });
  const progress: number[] = [];
  const messages: string[] = [];
  const logs: string[] = [];
  const ctx: TaskContext = {
    jobId,
    attempt: 1,
    dataDir,
    workDir,
    providers: WorkerProviderConfig.parse({ comfyui: { url: comfyUrl }, ollama: { url: ollamaUrl } }),
    signal,
    progress: (f, m) => {
      progress.push(f);
      if (m) messages.push(m);
    },
    log: (level, m) => logs.push(`${level} ${m}`),
  };
  return { ctx, progress, messages, logs };
}

const input = (over: Record<string, unknown> = {}) => ImageGenerateInput.parse({ prompt: 'a lighthouse at dusk', width: 512, height: 384, seed: 42, provider: 'comfyui', ...over });

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

describe('image.generate on ComfyUI', () => {
  it('runs txt2img end to end: queued with a client id, progress monotonic to 1, PNG downloaded', async () => {
    fake = await startFakeComfy();
    const { ctx, progress, messages } = context(fake.url);
    const out = (await imageGenerateTask(input(), ctx)) as ImageGenerateOutput;

    expect(out.provider).toBe('comfyui');
    expect(out.model).toBe('sd_xl_turbo_1.0_fp16.safetensors');
    expect(out.seed).toBe(42);
    expect(out.promptId).toBe(fake.prompts[0]!.id);
    expect(fake.prompts[0]!.clientId).toMatch(/^[0-9a-f-]{36}$/);
    const sent = fake.prompts[0]!.prompt;
    expect(sent['6']!.inputs.text).toBe('a lighthouse at dusk');
    expect(sent['3']!.inputs.seed).toBe(42);
    expect(sent['5']!.inputs).toMatchObject({ width: 512, height: 384 });

    expect(out.files).toHaveLength(1);
    const file = out.files[0]!;
    expect(file.mime).toBe('image/png');
    expect(file.path!.startsWith(ctx.workDir)).toBe(true);
    const meta = await sharp(readFileSync(file.path!)).metadata();
    expect(meta.format).toBe('png');
    expect([file.width, file.height]).toEqual([meta.width, meta.height]);

    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    expect(progress.filter((p) => p > 0.1 && p < 0.95).length).toBeGreaterThan(2);
    expect(messages.some((m) => /KSampler \(3\) \d+\/4/.test(m))).toBe(true);
    expect(fake.requests).toContain('GET /object_info');
  });

  it('reports cached nodes on a second run and still reaches 1', async () => {
    fake = await startFakeComfy();
    await imageGenerateTask(input(), context(fake.url).ctx);
    const second = context(fake.url);
    const out = (await imageGenerateTask(input({ prompt: 'another prompt' }), second.ctx)) as ImageGenerateOutput;
    expect(out.files).toHaveLength(1);
    expect(second.messages.some((m) => /reused [1-9]\d* cached nodes/.test(m))).toBe(true);
    expect(second.progress.at(-1)).toBe(1);
  });

  it('preflight names every missing node and the missing checkpoint with where to get it, and queues nothing', async () => {
    fake = await startFakeComfy({
      nodes: ['CheckpointLoaderSimple', 'EmptyLatentImage', 'CLIPTextEncode', 'VAEDecode'],
      models: { checkpoints: ['v1-5-pruned-emaonly.safetensors'], diffusion_models: [], text_encoders: [], vae: [] },
      comboFormat: 'v3',
    });
    const err = await failure(imageGenerateTask(input(), context(fake.url).ctx));
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('missing_model');
    expect(err.message).toContain(fake.url);
    expect(err.message).toMatch(/Missing nodes: KSampler, SaveImage\./);
    expect(err.message).toContain('Missing model: checkpoints/sd_xl_turbo_1.0_fp16.safetensors');
    expect(err.message).toContain('https://huggingface.co/stabilityai/sdxl-turbo');
    expect(err.message).toContain('ComfyUI/models/checkpoints/');
    expect(err.message).toContain('v1-5-pruned-emaonly.safetensors');
    expect(fake.prompts).toHaveLength(0);
  });

  it('a requested model that is installed passes preflight and is recorded as the model', async () => {
    fake = await startFakeComfy({ models: { checkpoints: ['v1-5-pruned-emaonly.safetensors'], diffusion_models: [], text_encoders: [], vae: [] } });
    const out = (await imageGenerateTask(input({ model: 'v1-5-pruned-emaonly.safetensors', steps: 3, cfg: 7 }), context(fake.url).ctx)) as ImageGenerateOutput;
    expect(out.model).toBe('v1-5-pruned-emaonly.safetensors');
    expect(fake.prompts[0]!.prompt['4']!.inputs.ckpt_name).toBe('v1-5-pruned-emaonly.safetensors');
  });

  it('execution_error fails with the node type and the exception message', async () => {
    fake = await startFakeComfy({ failAt: { nodeType: 'KSampler', message: 'CUDA out of memory. Tried to allocate 2.00 GiB', exceptionType: 'torch.OutOfMemoryError' } });
    const err = await failure(imageGenerateTask(input(), context(fake.url).ctx));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toContain('ComfyUI');
    expect(err.message).toContain('node 3 (KSampler)');
    expect(err.message).toContain('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB');
    expect(err.message).toMatch(/smaller width\/height/);
  });

  it('connection refused is a clear unreachable error naming the URL and the fix', async () => {
    const url = await closedPortUrl();
    const err = await failure(imageGenerateTask(input(), context(url).ctx));
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('unreachable');
    expect(err.message).toContain(`ComfyUI is not reachable at ${url}`);
    expect(err.message).toContain('connection refused');
    expect(err.message).toMatch(/Settings → Providers/);
  });

  it('cancel interrupts the running prompt in ComfyUI and ends cancelled quickly', async () => {
    fake = await startFakeComfy({ stepDelayMs: 150 });
    const controller = new AbortController();
    const { ctx, messages } = context(fake.url, controller.signal);
    const run = imageGenerateTask(input({ steps: 40 }), ctx);
    const t0 = Date.now();
    await expect.poll(() => messages.some((m) => /KSampler \(3\) 2\/40/.test(m)), { timeout: 10_000 }).toBe(true);
    controller.abort();
    const err = await failure(run);
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(fake.interrupts).toEqual([{ prompt_id: fake.prompts[0]!.id }]);
  });

  it('cancel while still queued removes the prompt from the ComfyUI queue', async () => {
    fake = await startFakeComfy({ stepDelayMs: 100 });
    const client = new ComfyClient(fake.url);
    const { workflow } = fillTemplate(loadTemplate('txt2img'), { prompt: 'blocker', seed: 1, steps: 30 });
    const first = client.run(workflow, { workDir: context(fake.url).ctx.workDir, signal: new AbortController().signal });
    const controller = new AbortController();
    const { ctx } = context(fake.url, controller.signal);
    const second = imageGenerateTask(input(), ctx);
    await expect.poll(() => fake!.prompts.length, { timeout: 10_000 }).toBe(2);
    controller.abort();
    expect(await failure(second)).toBeInstanceOf(CancelledError);
    expect(fake.queueDeletes).toEqual([[fake.prompts[1]!.id]]);
    expect(fake.interrupts).toHaveLength(0);
    await first;
  });

  it('img2img uploads the source image and loads it by its uploaded name', async () => {
    fake = await startFakeComfy();
    const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const source = await media.ingestBuffer(png, { mime: 'image/png', provider: 'upload' });
    const out = (await imageGenerateTask(input({ workflow: 'img2img', inputImageMediaId: source.id, denoise: 0.45 }), context(fake.url).ctx)) as ImageGenerateOutput;
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]).toMatchObject({ name: `auteur-${source.id}.png`, type: 'input', bytes: png.length, overwrite: 'true' });
    const sent = fake.prompts[0]!.prompt;
    expect(sent['10']!.inputs.image).toBe(`auteur-${source.id}.png`);
    expect(sent['3']!.inputs.denoise).toBe(0.45);
    expect(sent['11']!.inputs).toMatchObject({ width: 512, height: 384 });
    expect(out.files[0]!.mime).toBe('image/png');
  });

  it('txt2video runs the Wan workflow and returns an animated WEBP with its frame count', async () => {
    fake = await startFakeComfy({
      models: { checkpoints: [], diffusion_models: ['wan2.1_t2v_1.3B_fp16.safetensors'], text_encoders: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'], vae: ['wan_2.1_vae.safetensors'] },
    });
    const out = (await imageGenerateTask(input({ workflow: 'txt2video', width: 832, height: 480, frames: 17, fps: 12, steps: 3 }), context(fake.url).ctx)) as ImageGenerateOutput;
    expect(out.model).toBe('wan2.1_t2v_1.3B_fp16.safetensors');
    expect(out.files[0]).toMatchObject({ mime: 'image/webp', frames: 3 });
    expect(fake.prompts[0]!.prompt['40']!.inputs).toMatchObject({ width: 832, height: 480, length: 17 });
    expect(fake.prompts[0]!.prompt['28']!.inputs.fps).toBe(12);
  });

  it('a socket dropped mid-run is reopened once and the run completes', async () => {
    fake = await startFakeComfy({ stepDelayMs: 30, dropSocket: { afterStep: 2 } });
    const client = new ComfyClient(fake.url);
    const { ctx } = context(fake.url);
    const { workflow } = fillTemplate(loadTemplate('txt2img'), { prompt: 'drop', seed: 3, steps: 8 });
    const result = await client.run(workflow, { workDir: ctx.workDir, signal: ctx.signal });
    expect(result.via).toBe('websocket');
    expect(fake.socketsOpened).toBe(2);
    expect(result.files).toHaveLength(1);
    expect(existsSync(result.files[0]!.path)).toBe(true);
  });

  it('when the socket cannot come back, it finishes by polling /history', async () => {
    fake = await startFakeComfy({ stepDelayMs: 30, dropSocket: { afterStep: 2, refuseReconnect: true } });
    const logs: string[] = [];
    const client = new ComfyClient(fake.url, (level, m) => logs.push(`${level} ${m}`));
    const { ctx } = context(fake.url);
    const { workflow } = fillTemplate(loadTemplate('txt2img'), { prompt: 'poll', seed: 4, steps: 8 });
    const result = await client.run(workflow, { workDir: ctx.workDir, signal: ctx.signal, pollMs: 100 });
    expect(result.via).toBe('polling');
    expect(result.files).toHaveLength(1);
    expect(logs.some((l) => /polling \/history/.test(l))).toBe(true);
    expect(fake.requests.filter((r) => r.startsWith('GET /history/')).length).toBeGreaterThan(1);
  });

  it('without any socket at all it still completes by polling', async () => {
    fake = await startFakeComfy({ stepDelayMs: 5 });
    const client = new ComfyClient(fake.url);
    // Point the socket at a port where nothing listens; HTTP still reaches the fake.
    const closed = await closedPortUrl();
    client.http.wsUrl = (id: string) => `${closed.replace('http', 'ws')}/ws?clientId=${id}`;
    const { ctx } = context(fake.url);
    const { workflow } = fillTemplate(loadTemplate('txt2img'), { prompt: 'no socket', seed: 5 });
    const result = await client.run(workflow, { workDir: ctx.workDir, signal: ctx.signal, pollMs: 100 });
    expect(result.via).toBe('polling');
    expect(result.files).toHaveLength(1);
  });

  it('free, system_stats and object_info speak the documented shapes', async () => {
    fake = await startFakeComfy();
    const client = new ComfyClient(fake.url);
    await client.free({ unload_models: true, free_memory: true });
    expect(fake.frees).toEqual([{ unload_models: true, free_memory: true }]);
    const stats = await client.systemStats();
    expect(stats.system?.comfyui_version).toBe('0.3.99-fake');
    const info = await client.objectInfo();
    expect(Object.keys(info)).toContain('KSampler');
  });

  it('provider status and test: version, device, checkpoints, which workflows are ready', async () => {
    fake = await startFakeComfy();
    const cfg = WorkerProviderConfig.parse({ comfyui: { url: fake.url } });
    const status = await comfyuiProvider.status(cfg, new AbortController().signal);
    expect(status).toMatchObject({ provider: 'comfyui', reachable: true, version: '0.3.99-fake', models: ['sd_xl_turbo_1.0_fp16.safetensors'] });
    expect(status.detail).toContain('Fake GPU 8GB');
    expect(status.detail).toMatch(/6\.0 \/ 8\.0 GiB VRAM free/);
    const test = await comfyuiProvider.test(cfg, new AbortController().signal);
    expect(test.ok).toBe(true);
    expect(test.detail).toContain('ready: txt2img, img2img');
    expect(test.detail).toContain('txt2video needs diffusion_models/wan2.1_t2v_1.3B_fp16.safetensors');

    const down = WorkerProviderConfig.parse({ comfyui: { url: await closedPortUrl() } });
    const off = await comfyuiProvider.status(down, new AbortController().signal);
    expect(off.reachable).toBe(false);
    expect(off.detail).toMatch(/not reachable at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });
});
