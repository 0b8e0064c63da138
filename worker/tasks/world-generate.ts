import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorldGenerateInput, type WorldGenerateOutput } from '../../shared/jobs/world-generate.js';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import { ProviderId } from '../../shared/schemas/providers.js';
import { runDirOf } from '../render/browser-registry.js';
import type { TaskContext, TaskHandler } from '../task-context.js';
import { chooseRecipe } from '../world/choose-recipe.js';
import { generateWorldAsset } from '../world/pipeline.js';
import { providerMesh, providerTextures } from '../world/provider-steps.js';
import { renderWorldSnapshot } from '../world/snapshot-renderer.js';

const THUMB = 256;

const ref = (path: string, mime: string, model: string, provider: ProviderId = 'procedural'): MediaFileRef => ({ path, mediaId: null, mime, bytes: statSync(path).size, provider, model });

/** The "does it render" check: the LOD0 drawn in the headless Chromium; a failure is a warning. */
async function thumbnailOf(glbPath: string, assetId: string, ctx: TaskContext, warnings: string[]): Promise<MediaFileRef | null> {
  ctx.progress(0.97, 'Rendering the thumbnail');
  try {
    const shot = await renderWorldSnapshot(
      { width: THUMB, height: THUMB, background: '#9fb8cf', grid: true, items: [{ glbPath, transform: { position: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } }] },
      { runDir: runDirOf(ctx.dataDir) },
    );
    if (shot.drawn.glb !== 1) throw new Error(shot.warnings.join('; ') || 'the GLB was not drawn');
    const path = join(ctx.workDir, `${assetId}.thumb.png`);
    writeFileSync(path, shot.png);
    return { path, mediaId: null, mime: 'image/png', bytes: shot.png.length, provider: 'chromium', model: 'three.js WebGL (headless)' };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    warnings.push(`no thumbnail: the headless render failed (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

/**
 * world.generate: prompt → recipe (worker/world/choose-recipe.ts) → optional provider mesh and
 * textures (provider-steps.ts) → worker/world/pipeline builds, post-processes and validates the
 * GLBs in the job's workDir (the host hook ingests them) → a thumbnail.
 */
export const worldGenerateTask: TaskHandler<WorldGenerateInput, WorldGenerateOutput> = async (raw, ctx) => {
  const input = WorldGenerateInput.parse(raw);
  ctx.progress(0.05, 'Reading the recipe');
  const chosen = await chooseRecipe(input, ctx);
  const { recipe } = chosen;
  const warnings = [...chosen.warnings];
  ctx.progress(0.25, `Generating "${recipe.name}" (${recipe.shape})`);
  const source = await providerMesh(recipe, input.prompt, ctx, warnings);
  const textures = source ? undefined : await providerTextures(recipe, ctx, warnings);
  const asset = await generateWorldAsset(recipe, {
    source,
    textures,
    workDir: ctx.workDir,
    maxTriangles: input.world.maxTriangles,
    signal: ctx.signal,
    progress: (f, m) => ctx.progress(source ? 0.65 + f * 0.3 : 0.3 + f * 0.65, m),
  });
  const [lod0, ...lods] = asset.glbPaths;
  const thumbnail = input.thumbnail ? await thumbnailOf(lod0!, asset.assetId, ctx, warnings) : null;
  const meshModel = asset.trace.find((t) => t.step === 'mesh')?.model ?? `template:${recipe.shape}`;
  // The GLB files' provenance is the mesh's maker (meshy, comfyui), not the post-processing.
  const meshProvider = ProviderId.safeParse(source?.provider).data ?? 'procedural';
  ctx.progress(1, `${recipe.name}: ${asset.triangles[0]} triangles, ${asset.massKg} kg`);
  return {
    assetId: asset.assetId,
    recipe: recipe as unknown as Record<string, unknown>,
    glb: ref(lod0!, 'model/gltf-binary', meshModel, meshProvider),
    lods: lods.map((p, i) => ref(p, 'model/gltf-binary', `${meshModel}:lod${i + 1}`, meshProvider)),
    thumbnail,
    colliderFile: ref(asset.colliderPath, 'application/json', `collider:${recipe.physics.collider}`),
    collider: asset.collider,
    massKg: asset.massKg,
    boundsMeters: asset.boundsMeters,
    triangles: asset.triangles,
    textureSize: asset.textureSize,
    terrainStamp: asset.terrainStamp,
    providerTrace: [...chosen.trace, ...asset.trace],
    fallbackUsed: chosen.fallbackReason !== null,
    fallbackReason: chosen.fallbackReason,
    validation: { errors: asset.validation.errors, warnings: asset.validation.warnings, validator: asset.validation.validator },
    warnings: [...warnings, ...asset.warnings],
  };
};
