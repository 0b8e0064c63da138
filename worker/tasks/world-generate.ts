import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorldGenerateInput, type WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import { composeRecipe, promptSeed } from '../../shared/world/compose-recipe.js';
import { normalizeRecipe, type Recipe } from '../../shared/world/recipe.js';
import { selectLlm } from '../providers/llm/select.js';
import { runDirOf } from '../render/browser-registry.js';
import { ProviderError } from '../providers/types.js';
import type { TaskHandler } from '../task-context.js';
import { importGlb } from '../world/import-glb.js';
import { generateWorldAsset, type PipelineOptions } from '../world/pipeline.js';
import { GeminiImageClient } from '../world/providers/gemini-image.js';
import { meshyFromEnv } from '../world/providers/meshy.js';
import { llmRecipe } from '../world/recipe-llm.js';
import { renderWorldSnapshot } from '../world/snapshot-renderer.js';

/** Bump when the composer's reading of prompts changes (recorded in the provider trace). */
const COMPOSER_VERSION = 'compose-recipe-1';
const THUMB = 256;

type Trace = WorldGenerateOutput['providerTrace'][number];

/** What an image model is asked for: one tileable albedo map of the material. */
const texturePrompt = (m: Recipe['materials'][number], style: string) =>
  `A seamless, tileable, flat-lit, top-down albedo texture of ${m.type.replace(/_/g, ' ')}${m.color ? ` in the colour ${m.color}` : ''} for a 3D game asset${style ? `, ${style} style` : ''}. Fill the whole square; no objects, text or borders.`;

const ref = (path: string, mime: string, model: string): MediaFileRef => ({ path, mediaId: null, mime, bytes: statSync(path).size, provider: 'procedural', model });

/**
 * world.generate: prompt → recipe → procedural asset files. The recipe comes from the input (an
 * inspector edit), or an LLM with the world context (explicit provider: its failure fails the job;
 * 'auto': no usable LLM or no valid answer → the offline composer, and the output says why), or
 * the composer when asked for ('procedural'). Then worker/world/pipeline builds, post-processes
 * and validates the GLBs in the job's workDir for the host hook to ingest.
 */
export const worldGenerateTask: TaskHandler<WorldGenerateInput, WorldGenerateOutput> = async (raw, ctx) => {
  const input = WorldGenerateInput.parse(raw);
  const warnings: string[] = [];
  const trace: Trace[] = [];
  let fallbackReason: string | null = null;
  const seed = input.seed ?? promptSeed(input.prompt.normalize('NFKC').trim().toLowerCase());
  const worldCtx = { ...input.world, assetType: input.assetType };
  let recipe: Recipe;

  const offline = (why: string | null): Recipe => {
    const c = composeRecipe(input.prompt, input.world);
    if (c.fallback) fallbackReason = [why, c.reason].filter(Boolean).join('; ');
    else fallbackReason = why;
    trace.push({ step: 'recipe', provider: 'procedural', model: 'compose-recipe', version: COMPOSER_VERSION });
    return { ...c.recipe, seed, ...(input.negativePrompt ? { negativePrompt: input.negativePrompt.slice(0, 400) } : {}) };
  };

  ctx.progress(0.05, 'Reading the recipe');
  if (input.recipe) {
    const checked = normalizeRecipe(input.seed !== undefined ? { ...input.recipe, seed: input.seed } : input.recipe);
    // A recipe the schema refuses is the input's fault: the same input fails the same way.
    if (!checked.ok) throw new Error(`The recipe is refused: ${checked.error}`);
    recipe = checked.recipe;
    warnings.push(...checked.warnings);
    trace.push({ step: 'recipe', provider: 'input', model: null, version: null });
  } else if (!input.prompt) {
    throw new Error('Nothing to generate: give a prompt or a recipe');
  } else if (input.provider === 'procedural') {
    ctx.log('info', 'Recipe: the offline composer, as requested');
    recipe = offline(null);
  } else {
    const skipped: string[] = [];
    const client = await selectLlm(ctx.providers, {
      capability: 'llm',
      choice: input.provider === 'auto' ? undefined : input.provider,
      signal: ctx.signal,
      client: { log: ctx.log },
      log: (level, message) => {
        ctx.log(level, message);
        skipped.push(message);
      },
    });
    if (!client) {
      const settingsChoseEmbedded = ctx.providers.choice.llm && ctx.providers.choice.llm !== 'auto';
      recipe = offline(settingsChoseEmbedded ? null : `no LLM is usable (${skipped.at(-1) ?? 'none configured'}): the offline composer wrote the recipe`);
    } else {
      ctx.progress(0.1, `Asking ${client.label} (${client.model}) for a recipe`);
      try {
        const res = await llmRecipe(client, input.prompt, worldCtx, seed, ctx.signal);
        recipe = res.recipe.negativePrompt === undefined && input.negativePrompt ? { ...res.recipe, negativePrompt: input.negativePrompt.slice(0, 400) } : res.recipe;
        warnings.push(...res.warnings);
        if (res.attempts > 1) warnings.push(`the recipe needed ${res.attempts - 1} repair${res.attempts > 2 ? 's' : ''} from ${res.provider} (${res.model})`);
        trace.push({ step: 'recipe', provider: res.provider, model: res.model, version: null });
      } catch (err) {
        if (ctx.signal.aborted || input.provider !== 'auto' || !(err instanceof ProviderError)) throw err;
        ctx.log('warn', `The LLM recipe failed (${err.message}); the offline composer is used instead`);
        recipe = offline(`${client.label} (${client.model}) gave no valid recipe: ${err.message}`);
      }
    }
  }

  ctx.progress(0.25, `Generating "${recipe.name}" (${recipe.shape})`);
  let source: PipelineOptions['source'];
  if (recipe.generationPlan.meshStrategy === 'text_to_3d') {
    const meshy = meshyFromEnv();
    if (meshy) {
      // A provider failure fails the job: the host's fallbackPolicy (downgrade → procedural) decides what next.
      const mesh = await meshy.textToMesh({ prompt: input.prompt || recipe.name, negativePrompt: recipe.negativePrompt, seed: recipe.seed, signal: ctx.signal, onProgress: (f, m) => ctx.progress(0.25 + f * 0.4, m) });
      source = { mesh: await importGlb(mesh.glb), provider: meshy.id, model: mesh.model, version: mesh.version };
      warnings.push(`mesh by Meshy (tasks ${mesh.tasks.join(', ')})`);
    }
  }
  let textures: PipelineOptions['textures'];
  if (recipe.generationPlan.textureStrategy === 'generated_pbr' && ctx.providers.gemini.apiKey && !source) {
    const gemini = new GeminiImageClient({ apiKey: ctx.providers.gemini.apiKey, baseUrl: ctx.providers.gemini.url });
    ctx.progress(0.2, `Texturing with ${gemini.model}`);
    // Partial output is allowed (seed §6): a texture the provider does not make is baked instead, saying why.
    const images = await Promise.all(recipe.materials.map(async (m) => {
      try {
        const img = await gemini.generateImage({ prompt: texturePrompt(m, recipe.style), negativePrompt: 'objects, text, borders, perspective, shadows', signal: ctx.signal });
        return img.data;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        warnings.push(`texture for ${m.type} baked procedurally: ${(err as Error).message}`);
        return null;
      }
    }));
    if (images.some(Boolean)) textures = { images, provider: gemini.id, model: gemini.model };
  }
  const asset = await generateWorldAsset(recipe, {
    source,
    textures,
    workDir: ctx.workDir,
    maxTriangles: input.world.maxTriangles,
    signal: ctx.signal,
    progress: (f, m) => ctx.progress(source ? 0.65 + f * 0.35 : 0.25 + f * 0.75, m),
  });
  const [lod0, ...lods] = asset.glbPaths;
  let thumbnail: MediaFileRef | null = null;
  if (input.thumbnail) {
    ctx.progress(0.97, 'Rendering the thumbnail');
    try {
      const shot = await renderWorldSnapshot(
        { width: THUMB, height: THUMB, background: '#9fb8cf', grid: true, items: [{ glbPath: lod0!, transform: { position: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } }] },
        { runDir: runDirOf(ctx.dataDir) },
      );
      if (shot.drawn.glb !== 1) throw new Error(shot.warnings.join('; ') || 'the GLB was not drawn');
      const path = join(ctx.workDir, `${asset.assetId}.thumb.png`);
      writeFileSync(path, shot.png);
      thumbnail = { path, mediaId: null, mime: 'image/png', bytes: shot.png.length, provider: 'chromium', model: 'three.js WebGL (headless)' };
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      warnings.push(`no thumbnail: the headless render failed (${(err as Error).message.split('\n')[0]})`);
    }
  }
  ctx.progress(1, `${recipe.name}: ${asset.triangles[0]} triangles, ${asset.massKg} kg`);
  return {
    assetId: asset.assetId,
    recipe: recipe as unknown as Record<string, unknown>,
    glb: ref(lod0!, 'model/gltf-binary', `template:${recipe.shape}`),
    lods: lods.map((p, i) => ref(p, 'model/gltf-binary', `template:${recipe.shape}:lod${i + 1}`)),
    thumbnail,
    colliderFile: ref(asset.colliderPath, 'application/json', `collider:${recipe.physics.collider}`),
    collider: asset.collider,
    massKg: asset.massKg,
    boundsMeters: asset.boundsMeters,
    triangles: asset.triangles,
    textureSize: asset.textureSize,
    terrainStamp: asset.terrainStamp,
    providerTrace: [...trace, ...asset.trace],
    fallbackUsed: fallbackReason !== null,
    fallbackReason,
    validation: { errors: asset.validation.errors, warnings: asset.validation.warnings, validator: asset.validation.validator },
    warnings: [...warnings, ...asset.warnings],
  };
};
