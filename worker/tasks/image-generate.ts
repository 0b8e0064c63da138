import { randomInt } from 'node:crypto';
import type { ImageGenerateInput, ImageGenerateOutput } from '../../shared/jobs/image-generate.js';
import { generateWithComfy } from '../generate/image/comfy-generate.js';
import { generateProcedural, proceduralImageAvailable } from '../generate/image/procedural-image.js';
import { ProviderError } from '../providers/types.js';
import type { TaskContext, TaskHandler } from '../task-context.js';

/** The input's provider, or under "auto" the one chosen in Settings for image/video. */
function chosenProvider(input: ImageGenerateInput, ctx: TaskContext): 'auto' | 'comfyui' | 'procedural' {
  if (input.provider !== 'auto') return input.provider;
  const setting = ctx.providers.choice[input.workflow === 'txt2video' ? 'video' : 'image'];
  if (setting === 'comfyui') return 'comfyui';
  if (setting === 'procedural' || setting === 'chromium') return 'procedural';
  return 'auto';
}

/** Under "auto", ComfyUI being absent (or lacking this workflow's models) means the offline default. */
function canFallBack(err: unknown): err is ProviderError {
  return err instanceof ProviderError && err.provider === 'comfyui' && (err.kind === 'unreachable' || err.kind === 'timeout' || err.kind === 'missing_model');
}

/**
 * image.generate: ComfyUI with a shipped workflow when chosen or reachable; otherwise, under
 * "auto", a shader-rendered still labelled provider "procedural" (never passed off as ComfyUI).
 */
export const imageGenerateTask: TaskHandler<ImageGenerateInput, ImageGenerateOutput> = async (input, ctx) => {
  const seed = input.seed ?? randomInt(0, 2 ** 31);
  const choice = chosenProvider(input, ctx);
  if (choice === 'procedural') return generateProcedural(input, seed, ctx);
  try {
    return await generateWithComfy(input, seed, ctx);
  } catch (err) {
    if (choice !== 'auto' || !canFallBack(err) || !proceduralImageAvailable() || input.workflow === 'img2img') throw err;
    ctx.log('warn', `${err.message}\nUsing the built-in shader renderer instead.`);
    return generateProcedural(input, seed, ctx);
  }
};
