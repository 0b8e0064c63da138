import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageGenerateInput, type ImageGenerateOutput } from '../../shared/jobs/image-generate.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { generateProcedural } from '../../worker/generate/image/procedural-image.js';
import { ProviderError } from '../../worker/providers/types.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import type { TaskContext } from '../../worker/task-context.js';
import { imageGenerateTask } from '../../worker/tasks/image-generate.js';
import { closedPortUrl } from '../fixtures/fake-http.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-procedural-image-'));
afterAll(async () => {
  // The task renders with the worker's shared warm browser; close it so the test process can exit.
  await sharedRenderBrowser().close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
async function context(): Promise<{ ctx: TaskContext; logs: string[] }> {
  const workDir = join(root, `job${++n}`);
  mkdirSync(workDir, { recursive: true });
  const url = await closedPortUrl();
  const logs: string[] = [];
  const ctx: TaskContext = {
    jobId: `procedural-${n}`,
    attempt: 1,
    dataDir: root,
    workDir,
    providers: WorkerProviderConfig.parse({ comfyui: { url }, ollama: { url } }),
    signal: new AbortController().signal,
    progress: () => {},
    log: (l, m) => logs.push(`${l} ${m}`),
  };
  return { ctx, logs };
}

describe('image.generate offline default (shader-rendered)', () => {
  it('auto with ComfyUI unreachable renders a shader still labelled procedural', async () => {
    const { ctx, logs } = await context();
    const out = (await imageGenerateTask(ImageGenerateInput.parse({ prompt: 'neon ocean waves at night', width: 128, height: 72, seed: 9 }), ctx)) as ImageGenerateOutput;
    expect(out).toMatchObject({ provider: 'procedural', model: 'procedural-composer@1', seed: 9, workflow: 'txt2img' });
    expect(out.promptId).toBeUndefined();
    const file = out.files[0]!;
    expect(file).toMatchObject({ mime: 'image/png', width: 128, height: 72 });
    expect(file.path!.startsWith(ctx.workDir)).toBe(true);
    const stats = await sharp(readFileSync(file.path!)).stats();
    expect(stats.channels.slice(0, 3).some((c) => c.max > 20)).toBe(true);
    expect(logs.some((l) => l.startsWith('warn') && /ComfyUI is not reachable/.test(l) && /shader renderer instead/.test(l))).toBe(true);
  });

  it('txt2video offline renders a short WebM clip', async () => {
    const { ctx } = await context();
    const out = await generateProcedural(ImageGenerateInput.parse({ prompt: 'slow plasma', workflow: 'txt2video', width: 128, height: 72, frames: 6, fps: 12, provider: 'procedural' }), 3, ctx);
    expect(out.provider).toBe('procedural');
    expect(out.files[0]).toMatchObject({ mime: 'video/webm', width: 128, height: 72 });
    expect(existsSync(out.files[0]!.path!)).toBe(true);
  });

  it('img2img has no offline equivalent: a clear error, and auto does not fall back for it', async () => {
    const { ctx } = await context();
    const input = ImageGenerateInput.parse({ prompt: 'x', workflow: 'img2img', inputImageMediaId: 'm1', provider: 'procedural' });
    const err = await generateProcedural(input, 1, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/img2img needs ComfyUI/);
    const auto = await imageGenerateTask({ ...input, provider: 'auto' }, ctx).catch((e: unknown) => e);
    expect((auto as Error).message).toMatch(/ComfyUI is not reachable/);
  });
});
