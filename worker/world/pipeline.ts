import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorldCollider } from '../../shared/jobs/world-generate.js';
import { PROCEDURAL_VERSIONS, WORLD_GENERATOR_VERSION, worldAssetId } from '../../shared/world/asset-id.js';
import { WORLD_BUDGETS, textureSize } from '../../shared/world/budgets.js';
import { RECIPE_LIMITS, type Recipe } from '../../shared/world/recipe.js';
import { effectiveDensity } from '../../shared/world/vocabulary.js';
import { boundsOf, buildCollider, hullVolume, meshVolume, type Bounds } from './collider.js';
import { buildLod0 } from './geometry.js';
import { writeGlb, type GlbMaterial } from './glb.js';
import type { ImportedMesh } from './import-glb.js';
import { simplifyToBudget } from './lod.js';
import type { Bucket, GroupInfo } from './mesh-builder.js';
import { stampHeights } from './templates/terrain.js';
import { bakeTexture, downsize } from './textures.js';
import { validateGlb, type GlbValidation } from './validate-glb.js';

/**
 * Recipe → game-ready files (seed §6 Steps C–E, Strategy 1): template geometry, baked textures,
 * normalised to metres with the pivot at ground contact, LODs within the kind's budgets,
 * collider, mass from density × volume, GLBs validated by gltf-validator. Deterministic for a
 * recipe (its seed included), which is what makes the content address honest.
 */

/** Samples per side of a terrain stamp's height grid (the terrain editor resamples it). */
const STAMP_RES = 32;

export interface GeneratedAsset {
  assetId: string;
  /** GLB paths: LOD0, then LOD1, LOD2 when the recipe asks for LODs. */
  glbPaths: string[];
  colliderPath: string;
  collider: WorldCollider;
  massKg: number;
  boundsMeters: Bounds;
  triangles: number[];
  textureSize: number;
  terrainStamp: { widthM: number; depthM: number; resolution: number; heights: number[] } | null;
  validation: GlbValidation;
  warnings: string[];
  trace: Array<{ step: string; provider: string; model: string | null; version: string | null }>;
}

export interface PipelineOptions {
  workDir: string;
  /** The world's per-asset triangle cap (LOD0), below the kind's budget. */
  maxTriangles?: number;
  progress?: (fraction: number, message: string) => void;
  signal?: AbortSignal;
  /** Textures an image provider made, per recipe material (null: bake that one); resized to the budget. */
  textures?: { images: ReadonlyArray<Uint8Array | null>; provider: string; model: string };
  /** A provider's mesh (text-to-3D …) to post-process instead of the recipe's template. */
  source?: { mesh: ImportedMesh; provider: string; model: string; version: string | null };
}

/**
 * Scales to the recipe's metres and moves the pivot to the centre of ground contact: each axis to
 * its size for templates; one uniform factor (largest side) for a provider's mesh, whose
 * proportions are its own.
 */
function normalise(buckets: Bucket[], groups: Map<string, GroupInfo>, size: readonly [number, number, number], uniform = false): void {
  const b = boundsOf(buckets);
  const extents = [0, 1, 2].map((k) => b.max[k]! - b.min[k]!);
  const u = Math.max(...size) / Math.max(1e-9, ...extents);
  const s = [0, 1, 2].map((k) => (uniform ? u : extents[k]! > 1e-9 ? size[k]! / extents[k]! : 1));
  const origin = [(b.min[0] + b.max[0]) / 2, b.min[1], (b.min[2] + b.max[2]) / 2];
  const map = (p: number[] | [number, number, number], i: number) => {
    for (let k = 0; k < 3; k++) p[i + k] = (p[i + k]! - origin[k]!) * s[k]!;
  };
  for (const bk of buckets) {
    for (let i = 0; i < bk.positions.length; i += 3) {
      map(bk.positions, i);
      const nx = bk.normals[i]! / s[0]!, ny = bk.normals[i + 1]! / s[1]!, nz = bk.normals[i + 2]! / s[2]!;
      const len = Math.hypot(nx, ny, nz) || 1;
      bk.normals[i] = nx / len;
      bk.normals[i + 1] = ny / len;
      bk.normals[i + 2] = nz / len;
    }
  }
  for (const g of groups.values()) map(g.pivot, 0);
}

const check = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new Error('Cancelled by request');
};

export async function generateWorldAsset(recipe: Recipe, opts: PipelineOptions): Promise<GeneratedAsset> {
  const progress = opts.progress ?? (() => {});
  const warnings: string[] = [];
  const budget = WORLD_BUDGETS[recipe.kind];
  if (recipe.generationPlan.meshStrategy !== 'procedural' && !opts.source) warnings.push(`meshStrategy '${recipe.generationPlan.meshStrategy}' has no configured provider here: built procedurally (Strategy 1)`);
  if (recipe.generationPlan.textureStrategy !== 'procedural' && recipe.generationPlan.textureStrategy !== 'flat' && !opts.textures) warnings.push(`textureStrategy '${recipe.generationPlan.textureStrategy}' has no configured image provider here: textures baked procedurally`);

  const max0 = Math.min(budget.lods[0][1], opts.maxTriangles ?? Infinity);
  let buckets: Bucket[];
  let groups: Map<string, GroupInfo>;
  let lod0Triangles: number;
  if (opts.source) {
    progress(0.3, `Post-processing the ${opts.source.provider} mesh`);
    const lod0 = await simplifyToBudget(opts.source.mesh.buckets, max0, max0);
    buckets = lod0.buckets;
    groups = opts.source.mesh.groups;
    lod0Triangles = lod0.triangles;
  } else {
    progress(0.3, `Building a ${recipe.shape} from its template`);
    const lod0 = buildLod0(recipe, opts.maxTriangles);
    buckets = [...lod0.builder.buckets.values()];
    groups = lod0.builder.groups;
    lod0Triangles = lod0.triangles;
  }
  if (lod0Triangles > max0) warnings.push(`LOD0 has ${lod0Triangles} triangles, over the budget of ${max0}`);
  normalise(buckets, groups, recipe.scaleMeters, !!opts.source);
  const bounds = boundsOf(buckets);
  check(opts.signal);

  progress(0.45, 'LODs (meshoptimizer)');
  const levels: Bucket[][] = [buckets];
  if (recipe.generationPlan.lods) {
    for (const [i, ratio] of [[1, 0.5], [2, 0.2]] as const) {
      const max = budget.lods[i][1];
      const target = Math.min(max, Math.max(1, Math.floor(lod0Triangles * ratio)));
      const lod = await simplifyToBudget(buckets, target, max);
      if (lod.triangles > max) warnings.push(`LOD${i} has ${lod.triangles} triangles, over the budget of ${max}`);
      levels.push(lod.buckets);
    }
  }
  const triangles = levels.map((l) => l.reduce((t, b) => t + b.indices.length / 3, 0));
  check(opts.signal);

  progress(0.6, 'Baking textures');
  const tex = recipe.generationPlan.textureStrategy === 'flat' ? 8 : textureSize(recipe.kind, recipe.scaleMeters);
  const bake = (i: number) => bakeTexture(recipe.materials[Math.min(i, recipe.materials.length - 1)]!, tex, (recipe.seed + i * 7919) >>> 0);
  const glbMaterials: GlbMaterial[] = opts.source
    ? opts.source.mesh.materials.map((m) => ({ name: m.name, roughness: m.roughness, metalness: m.metalness, blend: m.blend }))
    : recipe.materials.map((m) => ({ name: m.type, roughness: m.roughness, metalness: m.metalness, blend: m.type === 'glass' }));
  // A provider's own base colour images are kept, resized to the budget; the rest are baked.
  const textures = await Promise.all(
    glbMaterials.map((_, i) => {
      const image = opts.source?.mesh.materials[i]?.image ?? (opts.source ? null : opts.textures?.images[i]);
      return image ? downsize(image, tex) : bake(i);
    }),
  );
  check(opts.signal);

  // Mass: density × closed volume (capped by the hull: overlapping parts must not count twice).
  const volume = Math.min(meshVolume(buckets), hullVolume(buckets));
  const scale = typeof recipe.params.massScale === 'number' ? recipe.params.massScale : 1;
  const computed = effectiveDensity(recipe.materials[0]!.type) * volume * scale;
  const massKg = recipe.physics.massKg ?? Math.round(Math.min(RECIPE_LIMITS.massKg.max, Math.max(RECIPE_LIMITS.massKg.min, computed)) * 1000) / 1000;
  const collider = buildCollider(recipe.physics.collider, buckets, levels[levels.length - 1]!, bounds);

  progress(0.75, 'Writing and validating GLB files');
  const assetId = worldAssetId(recipe, {
    ...PROCEDURAL_VERSIONS,
    ...(opts.source ? { mesh: [opts.source.provider, opts.source.model, opts.source.version].filter(Boolean).join(':') } : {}),
    ...(opts.textures ? { texture: `${opts.textures.provider}:${opts.textures.model}` } : {}),
  });
  await mkdir(opts.workDir, { recursive: true });
  const extras = { assetId, name: recipe.name, kind: recipe.kind, shape: recipe.shape, massKg, collider: recipe.physics.collider, generator: WORLD_GENERATOR_VERSION };
  const glbPaths: string[] = [];
  let validation: GlbValidation | null = null;
  for (let i = 0; i < levels.length; i++) {
    const texs = i === 0 ? textures : await Promise.all(textures.map((t) => downsize(t, Math.max(8, tex >> i))));
    const bytes = await writeGlb({ name: recipe.name, materials: glbMaterials, buckets: levels[i]!, groups, textures: texs, extras: { ...extras, lod: i } });
    const v = await validateGlb(bytes);
    if (v.errors > 0) throw new Error(`The generated LOD${i} GLB does not validate (${v.validator}): ${v.messages.join('; ')}`);
    if (i === 0) validation = v;
    else if (v.warnings) warnings.push(`LOD${i}: ${v.warnings} validator warning(s): ${v.messages.join('; ')}`);
    const path = join(opts.workDir, `${assetId}${i === 0 ? '' : `.lod${i}`}.glb`);
    await writeFile(path, bytes);
    glbPaths.push(path);
  }
  if (validation!.warnings) warnings.push(`LOD0: ${validation!.warnings} validator warning(s): ${validation!.messages.join('; ')}`);
  const colliderPath = join(opts.workDir, `${assetId}.collider.json`);
  await writeFile(colliderPath, JSON.stringify(collider));
  progress(0.95, `${triangles.join(' / ')} triangles, ${massKg} kg`);

  return {
    assetId,
    glbPaths,
    colliderPath,
    collider,
    massKg,
    boundsMeters: bounds,
    triangles,
    textureSize: tex,
    terrainStamp: recipe.kind === 'terrain_stamp'
      ? { widthM: recipe.scaleMeters[0], depthM: recipe.scaleMeters[2], resolution: STAMP_RES, heights: stampHeights(recipe.shape, recipe.scaleMeters, recipe.params, recipe.seed, STAMP_RES) }
      : null,
    validation: validation!,
    warnings,
    trace: [
      opts.source
        ? { step: 'mesh', provider: opts.source.provider, model: opts.source.model, version: opts.source.version }
        : { step: 'mesh', provider: 'procedural', model: `template:${recipe.shape}`, version: PROCEDURAL_VERSIONS.mesh },
      opts.textures && !opts.source
        ? { step: 'texture', provider: opts.textures.provider, model: opts.textures.model, version: null }
        : { step: 'texture', provider: 'procedural', model: tex <= 8 ? 'flat' : opts.source ? 'provider textures resized (sharp)' : 'noise-bake (sharp)', version: PROCEDURAL_VERSIONS.texture },
      { step: 'postprocess', provider: 'procedural', model: 'gltf-transform + meshoptimizer', version: PROCEDURAL_VERSIONS.postprocess },
    ],
  };
}
