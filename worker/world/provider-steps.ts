import type { Recipe } from '../../shared/world/recipe.js';
import type { TaskContext } from '../task-context.js';
import { importGlb } from './import-glb.js';
import type { PipelineOptions } from './pipeline.js';
import { ComfyImageTo3D } from './providers/comfyui-3d.js';
import { GeminiImageClient } from './providers/gemini-image.js';
import { meshyFromConfig } from './providers/meshy.js';

/**
 * The provider steps of world.generate (seed §6 Step C Strategy 2, Step D): a Meshy mesh for a
 * text_to_3d recipe when a Meshy key is set (Settings → Providers or MESHY_API_KEY), Gemini textures for generated_pbr when a Gemini key
 * is. Without them the pipeline builds procedurally and says so.
 */

/** What an image model is asked for: one tileable albedo map of the material. */
export const texturePrompt = (m: Recipe['materials'][number], style: string) =>
  `A seamless, tileable, flat-lit, top-down albedo texture of ${m.type.replace(/_/g, ' ')}${m.color ? ` in the colour ${m.color}` : ''} for a 3D game asset${style ? `, ${style} style` : ''}. Fill the whole square; no objects, text or borders.`;

/** What the image model draws for image-to-3D: the object alone, whole, on a plain background. */
export const referencePrompt = (recipe: Recipe, prompt: string) =>
  `One ${prompt || recipe.name}${recipe.style ? `, ${recipe.style}` : ''}: the whole object alone, centred, three-quarter view, even studio light, plain white background, no text.`;

/**
 * Strategy 3 (text → image → image-to-3D): a Gemini reference image, then ComfyUI's Hunyuan3D-2.
 * Without a Gemini key or a ComfyUI with the nodes, the recipe is built procedurally and the
 * reason is a warning; a failure once both are there fails the job (fallbackPolicy applies).
 */
async function imageTo3d(recipe: Recipe, prompt: string, ctx: TaskContext, warnings: string[]): Promise<PipelineOptions['source']> {
  if (!ctx.providers.gemini.apiKey) {
    warnings.push('image_to_3d needs a reference image from an image model: no Gemini key is set');
    return undefined;
  }
  const comfy = new ComfyImageTo3D(ctx.providers.comfyui.url, { pollMs: 1000 });
  try {
    await comfy.healthcheck(ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    warnings.push(`image_to_3d: ${(err as Error).message}`);
    return undefined;
  }
  const gemini = new GeminiImageClient({ apiKey: ctx.providers.gemini.apiKey, baseUrl: ctx.providers.gemini.url });
  ctx.progress(0.27, `Reference image with ${gemini.model}`);
  const image = await gemini.generateImage({ prompt: referencePrompt(recipe, prompt), negativePrompt: recipe.negativePrompt, signal: ctx.signal });
  const mesh = await comfy.imageToMesh({ images: [image], seed: recipe.seed, signal: ctx.signal, onProgress: (f, m) => ctx.progress(0.3 + f * 0.35, m) });
  warnings.push(`mesh by ComfyUI Hunyuan3D-2 from a ${image.model} reference (prompt ${mesh.tasks.join(', ')})`);
  return { mesh: await importGlb(mesh.glb), provider: comfy.id, model: mesh.model, version: mesh.version };
}

export async function providerMesh(recipe: Recipe, prompt: string, ctx: TaskContext, warnings: string[]): Promise<PipelineOptions['source']> {
  if (recipe.generationPlan.meshStrategy === 'image_to_3d') return imageTo3d(recipe, prompt, ctx, warnings);
  if (recipe.generationPlan.meshStrategy !== 'text_to_3d') return undefined;
  const meshy = meshyFromConfig(ctx.providers);
  if (!meshy) return undefined;
  // A provider failure fails the job: the host's fallbackPolicy (downgrade → procedural) decides what next.
  const mesh = await meshy.textToMesh({ prompt: prompt || recipe.name, negativePrompt: recipe.negativePrompt, seed: recipe.seed, signal: ctx.signal, onProgress: (f, m) => ctx.progress(0.25 + f * 0.4, m) });
  warnings.push(`mesh by Meshy (tasks ${mesh.tasks.join(', ')})`);
  return { mesh: await importGlb(mesh.glb), provider: meshy.id, model: mesh.model, version: mesh.version };
}

export async function providerTextures(recipe: Recipe, ctx: TaskContext, warnings: string[]): Promise<PipelineOptions['textures']> {
  if (recipe.generationPlan.textureStrategy !== 'generated_pbr' || !ctx.providers.gemini.apiKey) return undefined;
  const gemini = new GeminiImageClient({ apiKey: ctx.providers.gemini.apiKey, baseUrl: ctx.providers.gemini.url });
  ctx.progress(0.27, `Texturing with ${gemini.model}`);
  // Partial output is allowed (seed §6): a texture the provider does not make is baked instead, saying why.
  const images = await Promise.all(
    recipe.materials.map(async (m) => {
      try {
        return (await gemini.generateImage({ prompt: texturePrompt(m, recipe.style), negativePrompt: 'objects, text, borders, perspective, shadows', signal: ctx.signal })).data;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        warnings.push(`texture for ${m.type} baked procedurally: ${(err as Error).message}`);
        return null;
      }
    }),
  );
  return images.some(Boolean) ? { images, provider: gemini.id, model: gemini.model } : undefined;
}
