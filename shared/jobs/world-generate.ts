import { z } from 'zod';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice } from '../schemas/providers.js';
import { RecipeKind } from '../world/recipe.js';
import { defineJobKind } from './define.js';

/** Free-form recipe JSON: the task validates it with normalizeRecipe (clamps + refusals naming the field). */
const RecipeJson = z.record(z.string(), z.unknown());

export const WorldGenerateInput = z.object({
  prompt: z.string().trim().max(2000).default(''),
  negativePrompt: z.string().max(2000).default(''),
  /** A recipe to build as is (inspector edits → new version); no LLM call then. */
  recipe: RecipeJson.optional(),
  /** Overrides the recipe's seed (part of the content hash). */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Who writes the recipe: 'auto' (Settings, then any usable LLM, else the offline composer, saying why), 'procedural' (the composer), or one LLM provider (failing clearly when unusable). */
  provider: ProviderChoice.default('auto'),
  /** World context for the LLM (seed §6 Step A). */
  world: z
    .object({
      style: z.string().max(200).optional(),
      scaleUnit: z.string().max(20).optional(),
      allowedKinds: z.array(RecipeKind).optional(),
      /** Triangle budget per asset the world can afford (LOD0 is capped to it as well as to the kind's budget). */
      maxTriangles: z.number().int().positive().optional(),
    })
    .default({}),
  assetType: RecipeKind.optional(),
  /** Render a 256 px thumbnail in the headless Chromium (the "does it render" check); a failure is a warning. */
  thumbnail: z.boolean().default(true),
});
export type WorldGenerateInput = z.input<typeof WorldGenerateInput>;
export type WorldGenerateInputParsed = z.output<typeof WorldGenerateInput>;

export const WorldCollider = z.discriminatedUnion('type', [
  z.object({ type: z.literal('box'), center: z.tuple([z.number(), z.number(), z.number()]), halfExtents: z.tuple([z.number(), z.number(), z.number()]) }),
  /** Hull points (Rapier builds the hull from them: ColliderDesc.convexHull). */
  z.object({ type: z.literal('convex_hull'), points: z.array(z.number()) }),
  /** Welded LOD2 triangles (ColliderDesc.trimesh). */
  z.object({ type: z.literal('trimesh'), vertices: z.array(z.number()), indices: z.array(z.number().int()) }),
]);
export type WorldCollider = z.infer<typeof WorldCollider>;

export const WorldProviderTrace = z.object({ step: z.string(), provider: z.string(), model: z.string().nullable(), version: z.string().nullable() });

export const WorldGenerateOutput = z.object({
  assetId: z.string().describe('Content hash of recipe + seed + generator versions (shared/world/asset-id.ts)'),
  recipe: RecipeJson,
  glb: MediaFileRef,
  /** LOD1, LOD2 GLBs (LOD0 is `glb`). */
  lods: z.array(MediaFileRef),
  thumbnail: MediaFileRef.nullable(),
  /** The collider as JSON (collider.json), also inline below. */
  colliderFile: MediaFileRef,
  collider: WorldCollider,
  massKg: z.number().positive(),
  boundsMeters: z.object({ min: z.tuple([z.number(), z.number(), z.number()]), max: z.tuple([z.number(), z.number(), z.number()]) }),
  /** Triangles of LOD0, LOD1, LOD2. */
  triangles: z.array(z.number().int().nonnegative()),
  textureSize: z.number().int(),
  /**
   * Terrain stamps only: the stamp's heights in metres (may go below 0: a crater's bowl), row-major
   * over z then x, (resolution + 1)² samples over widthM × depthM centred on the pivot, for the
   * terrain editor to apply to its heightmap.
   */
  terrainStamp: z.object({ widthM: z.number().positive(), depthM: z.number().positive(), resolution: z.number().int().positive(), heights: z.array(z.number()) }).nullable(),
  providerTrace: z.array(WorldProviderTrace),
  /** The recipe came from the offline composer because the LLM was unusable ('auto'), or the composer fell back to a generic shape. */
  fallbackUsed: z.boolean(),
  fallbackReason: z.string().nullable(),
  /** gltf-validator's verdict on LOD0 (errors are a failure; warnings are listed). */
  validation: z.object({ errors: z.number().int(), warnings: z.number().int(), validator: z.string() }),
  warnings: z.array(z.string()),
});
export type WorldGenerateOutput = z.infer<typeof WorldGenerateOutput>;

export const worldGenerate = defineJobKind({
  kind: 'world.generate',
  title: 'Generate a world asset',
  description: 'Prompt → strict recipe (LLM with world context, or the offline composer, saying why) → procedural geometry from parametric templates + baked procedural textures → post-process (metres, pivot at ground contact, LODs within the triangle budgets, collider, mass from density × volume) → validated GLB files, content-addressed by recipe + seed + generator versions.',
  resource: 'cpu',
  input: WorldGenerateInput,
  output: WorldGenerateOutput,
  maxAttempts: 2,
  timeoutMs: 3 * 60_000,
});
