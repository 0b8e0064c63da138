import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageGenerateInput, ImageGenerateOutput } from '../../../shared/jobs/image-generate.js';
import { ProviderError } from '../../providers/types.js';
import type { RenderBrowser } from '../../render/browser.js';
import { renderShader } from '../../render/shader-renderer.js';
import { renderShaderStill, ShaderRenderError } from '../../render/still.js';
import { throwIfCancelled, type TaskContext } from '../../task-context.js';
import { compose, PROCEDURAL_MODEL } from '../procedural/index.js';

/** The renderer's frame limits (ShaderRenderInput). */
const MAX_W = 1920;
const MAX_H = 1080;
const STYLE = { chaos: 0.5, colorTemperature: 0, motion: 0.5 };

export function proceduralImageAvailable(): boolean {
  return true;
}

/** Fits the requested size inside the renderer's limits, keeping the aspect ratio. */
function fit(width: number, height: number): { width: number; height: number } {
  const s = Math.min(1, MAX_W / width, MAX_H / height);
  return { width: Math.max(16, Math.round(width * s)), height: Math.max(16, Math.round(height * s)) };
}

export interface ProceduralOptions {
  /** Defaults to the worker's warm shared browser. */
  browser?: RenderBrowser;
}

/**
 * The offline default for image.generate (DESIGN §4): the procedural composer turns the prompt
 * into a shader, and the shader renderer draws it — one PNG for txt2img, a WebM clip for
 * txt2video. Labelled provider "procedural" with the composer as the model: never passed off as
 * a diffusion model. img2img has no offline equivalent.
 */
export async function generateProcedural(input: ImageGenerateInput, seed: number, ctx: TaskContext, opts: ProceduralOptions = {}): Promise<ImageGenerateOutput> {
  if (input.workflow === 'img2img') {
    throw new ProviderError('procedural', 'img2img needs ComfyUI: the built-in shader renderer cannot transform an image. Configure ComfyUI in Settings → Providers.', 'not_configured');
  }
  const comp = compose({ prompt: input.prompt, style: STYLE, seed });
  ctx.log('info', `Composed "${comp.title}" (${comp.family}/${comp.variant}, palette ${comp.paletteName}) from the prompt`);
  ctx.progress(0.1, 'Rendering the composed shader…');
  const size = fit(input.width, input.height);
  if (size.width !== input.width || size.height !== input.height) ctx.log('info', `Size ${input.width}×${input.height} fitted to ${size.width}×${size.height} (the shader renderer's limit)`);
  const common = { signal: ctx.signal, log: ctx.log, chromePath: ctx.providers.chromePath, ...(opts.browser ? { browser: opts.browser } : {}) };

  if (input.workflow === 'txt2img') {
    let png: Buffer;
    try {
      png = await renderShaderStill({ source: comp.source, ...size, time: 1 + (seed % 4000) / 1000 }, common);
    } catch (err) {
      if (err instanceof ShaderRenderError) throw new ProviderError('procedural', `The composed shader could not be rendered: ${err.message}`, 'server_error');
      throw err;
    }
    throwIfCancelled(ctx.signal);
    const path = join(ctx.workDir, `procedural-${seed}.png`);
    writeFileSync(path, png);
    const meta = await sharp(png).metadata();
    ctx.progress(1, 'Rendered a shader still');
    return { files: [{ path, mime: 'image/png', width: meta.width, height: meta.height }], provider: 'procedural', model: PROCEDURAL_MODEL, seed, workflow: input.workflow };
  }

  const fps = input.fps ?? 16;
  const seconds = Math.min(20, (input.frames ?? 33) / fps);
  const out = await renderShader(
    { source: comp.source, ...size, fps, seconds, thumbnailTime: 0, preview: 'webm' },
    { ...common, workDir: ctx.workDir, ffmpegPath: ctx.providers.ffmpegPath, progress: (f, m) => ctx.progress(0.1 + 0.85 * f, m) },
  );
  if (!out.ok || !out.preview?.path) {
    throw new ProviderError('procedural', `The composed shader could not be rendered to a clip: ${out.failure?.message ?? 'no preview was encoded'}`, 'server_error');
  }
  ctx.progress(1, 'Rendered a shader clip');
  return {
    files: [{ path: out.preview.path, mime: out.preview.mime, ...size, frames: out.frames }],
    provider: 'procedural',
    model: PROCEDURAL_MODEL,
    seed,
    workflow: input.workflow,
  };
}
