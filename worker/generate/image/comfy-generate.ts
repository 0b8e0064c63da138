import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import sharp from 'sharp';
import type { GeneratedFile, ImageGenerateInput, ImageGenerateOutput } from '../../../shared/jobs/image-generate.js';
import { resolveMediaFile } from '../../media/media-file.js';
import { ComfyClient } from '../../providers/comfyui/client.js';
import type { OutputFile } from '../../providers/comfyui/outputs.js';
import { assertRunnable, checkWorkflow } from '../../providers/comfyui/preflight.js';
import { describeStats } from '../../providers/comfyui/provider.js';
import { fillTemplate, loadTemplate, sizeMultiple } from '../../providers/comfyui/workflows.js';
import { prepareGpuFor } from '../../providers/gpu-scheduler.js';
import { throwIfCancelled, type TaskContext } from '../../task-context.js';

/** Job progress spent before ComfyUI runs (checks, GPU prep, upload) and after it (downloads). */
const RUN_START = 0.08;
const RUN_END = 0.95;

function snap(v: number, multiple: number): number {
  return Math.max(multiple, Math.round(v / multiple) * multiple);
}

/** Width/height (and frame count for animated images) of what ComfyUI saved; videos stay unmeasured. */
async function describe(file: OutputFile): Promise<GeneratedFile> {
  const out: GeneratedFile = { path: file.path, mime: file.mime };
  if (!file.mime.startsWith('image/')) return out;
  try {
    const meta = await sharp(file.path, { animated: true }).metadata();
    const pages = meta.pages ?? 1;
    if (meta.width) out.width = meta.width;
    const height = meta.pageHeight ?? meta.height;
    if (height) out.height = height;
    if (pages > 1) out.frames = pages;
  } catch {
    // A format sharp cannot read is still a result; it just has no size recorded.
  }
  return out;
}

/** Params of the chosen template from the job input (unset ones keep the template defaults). */
function paramsFor(input: ImageGenerateInput, seed: number, jobId: string, multiple: number, modelParam: string): Record<string, string | number | undefined> {
  const values: Record<string, string | number | undefined> = {
    prompt: input.prompt,
    negative: input.negative,
    seed,
    steps: input.steps,
    cfg: input.cfg,
    width: snap(input.width, multiple),
    height: snap(input.height, multiple),
    filenamePrefix: `auteur/${input.workflow}-${jobId.slice(0, 8)}`,
    [modelParam]: input.model,
  };
  if (input.workflow === 'img2img') {
    values.denoise = input.denoise;
    values.image = 'pending-upload.png';
  }
  if (input.workflow === 'txt2video') {
    values.frames = input.frames;
    values.fps = input.fps;
  }
  return values;
}

/**
 * image.generate on ComfyUI: fill the shipped template, preflight it against /object_info, free
 * the GPU from Ollama, upload the img2img source, run it and download the outputs.
 */
export async function generateWithComfy(input: ImageGenerateInput, seed: number, ctx: TaskContext): Promise<ImageGenerateOutput> {
  const client = new ComfyClient(ctx.providers.comfyui.url, ctx.log);
  const template = loadTemplate(input.workflow);
  const multiple = sizeMultiple(template);
  const values = paramsFor(input, seed, ctx.jobId, multiple, template.modelParam);
  if (values.width !== input.width || values.height !== input.height) {
    ctx.log('info', `Size ${input.width}×${input.height} rounded to ${values.width}×${values.height} (multiples of ${multiple} for this model)`);
  }
  let filled = fillTemplate(template, values);

  ctx.progress(0.01, `Checking ComfyUI at ${client.url}…`);
  // A quick look first: an absent ComfyUI fails (or falls back) in seconds, not after object_info's timeout.
  ctx.log('info', `${describeStats(await client.systemStats(ctx.signal, 3000))} at ${client.url}`);
  const info = await client.objectInfo(ctx.signal);
  assertRunnable(checkWorkflow(template, filled.workflow, filled.values, info), client.url, template);
  const model = String(filled.values[template.modelParam]);

  throwIfCancelled(ctx.signal);
  ctx.progress(0.03, 'Freeing GPU memory…');
  await prepareGpuFor('comfyui', ctx.providers, ctx.signal, ctx.log);

  if (input.workflow === 'img2img') {
    const source = resolveMediaFile(ctx.dataDir, input.inputImageMediaId!);
    ctx.progress(0.05, 'Uploading the source image to ComfyUI…');
    const uploaded = await client.uploadImage(readFileSync(source.path), `auteur-${input.inputImageMediaId}${extname(source.path) || '.png'}`, ctx.signal, { overwrite: true });
    const image = uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
    filled = fillTemplate(template, { ...values, image });
    ctx.log('info', `Uploaded the source image as ${image}`);
  }

  throwIfCancelled(ctx.signal);
  const result = await client.run(filled.workflow, {
    workDir: ctx.workDir,
    signal: ctx.signal,
    onProgress: (f, message) => ctx.progress(RUN_START + (RUN_END - RUN_START) * f, message),
  });
  if (result.via === 'polling') ctx.log('warn', 'The ComfyUI event socket was lost; the result was fetched by polling /history');
  const files = await Promise.all(result.files.map(describe));
  ctx.progress(1, `Saved ${files.length} file${files.length === 1 ? '' : 's'} from ComfyUI`);
  return { files, provider: 'comfyui', model, seed, workflow: input.workflow, promptId: result.promptId };
}
