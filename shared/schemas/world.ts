import { z } from 'zod';
import { FallbackPolicy, Recipe } from '../world/recipe.js';
import { Id, IsoDate } from './common.js';

/**
 * World studio entities (seed 001 §5, §10, §16): worlds, runtime entities, content-addressed
 * AssetDefinitions, prefabs and chunked terrain. Everything here is plain JSON so a multiplayer
 * room can replicate it later (issue 12). Numbers are finite (zod refuses NaN and ±Infinity,
 * and JSON carries NaN as null, which is refused too) and the refusal names the field.
 */

/** Bumped when the stored shape of a world changes; older worlds are migrated on load. */
export const WORLD_VERSION = 2;

/** World-space extent a coordinate may take (metres); farther is a physics explosion, not a place. */
export const WORLD_EXTENT_M = 100_000;
const Coord = z.number().min(-WORLD_EXTENT_M).max(WORLD_EXTENT_M);
const ScaleFactor = z.number().min(0.001).max(1000);

export const Vec3 = z.tuple([Coord, Coord, Coord]).describe('[x, y, z] in metres');
export type Vec3 = z.infer<typeof Vec3>;
/** Rotation quaternion [x, y, z, w]; a zero-length one has no direction and is refused. */
export const Quat = z
  .tuple([z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001)])
  .refine((q) => Math.hypot(...q) > 1e-6, { message: 'rotation must be a non-zero quaternion [x, y, z, w]' })
  .describe('Unit quaternion [x, y, z, w]');
export type Quat = z.infer<typeof Quat>;

export const Transform = z.object({
  position: Vec3,
  rotation: Quat,
  scale: z.tuple([ScaleFactor, ScaleFactor, ScaleFactor]).describe('Scale factors, each 0.001–1000'),
});
export type Transform = z.infer<typeof Transform>;
export const IDENTITY_TRANSFORM: Transform = { position: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] };

export const BodyType = z.enum(['dynamic', 'static', 'kinematic']);
export type BodyType = z.infer<typeof BodyType>;
export const ColliderShape = z.enum(['box', 'convex_hull', 'trimesh', 'sphere', 'capsule']);
export type ColliderShape = z.infer<typeof ColliderShape>;

export const EntityPhysics = z.object({
  bodyType: BodyType,
  massKg: z.number().min(0).max(1_000_000),
  gravityScale: z.number().min(-10).max(10),
  friction: z.number().min(0).max(10),
  restitution: z.number().min(0).max(1),
  collider: ColliderShape,
});
export type EntityPhysics = z.infer<typeof EntityPhysics>;

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
export const EntityRender = z.object({
  /** Multiplies the asset's base colour; null keeps it. */
  tint: HexColor.nullable(),
  castShadow: z.boolean(),
  receiveShadow: z.boolean(),
  /** Per-material overrides by material name: colour, roughness, metalness. */
  materialOverrides: z.record(
    z.string().max(100),
    z.object({ color: HexColor.optional(), roughness: z.number().min(0).max(1).optional(), metalness: z.number().min(0).max(1).optional() }).strict(),
  ),
});
export type EntityRender = z.infer<typeof EntityRender>;

export const EntityBehaviour = z.object({
  pickupable: z.boolean(),
  throwable: z.boolean(),
  breakable: z.boolean(),
});
export type EntityBehaviour = z.infer<typeof EntityBehaviour>;

/** draft: a placeholder (or a draft asset) while generation runs; failed: generation gave up, placeholder kept. */
export const EntityStatus = z.enum(['draft', 'ready', 'failed']);
export type EntityStatus = z.infer<typeof EntityStatus>;

/** What a placeholder looks like until its asset is ready (seed §6 Step B): a box of the right size and colour. */
export const PlaceholderLook = z.object({
  scaleMeters: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  color: HexColor,
  roughness: z.number().min(0).max(1),
  collider: z.literal('box'),
});
export type PlaceholderLook = z.infer<typeof PlaceholderLook>;

export const Entity = z.object({
  id: Id.describe('entityId'),
  worldId: Id,
  /** The asset it shows; null while only a placeholder exists. */
  assetId: Id.nullable(),
  name: z.string(),
  transform: Transform,
  physics: EntityPhysics,
  render: EntityRender,
  behaviour: EntityBehaviour,
  status: EntityStatus,
  /** The world.generate job that produces its asset. */
  jobId: Id.nullable(),
  /** Prefab children point at their parent entity; their transform is relative to it. */
  parentId: Id.nullable(),
  prefabId: Id.nullable(),
  placeholder: PlaceholderLook.nullable(),
  /** Why generation failed (the entity keeps its placeholder). */
  lastError: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Entity = z.infer<typeof Entity>;

/** Sky and sun of a world (the editor's background, fog, hemisphere light and shadow-casting sun). */
export const WorldSky = z.object({
  color: HexColor.describe('Sky (background and fog) colour'),
  sunIntensity: z.number().min(0).max(5),
  sunElevationDeg: z.number().min(5).max(90),
  sunAzimuthDeg: z.number().min(0).max(360),
  ambient: z.number().min(0).max(3).describe('Hemisphere (sky/ground) light intensity'),
});
export type WorldSky = z.infer<typeof WorldSky>;
export const DEFAULT_WORLD_SKY: WorldSky = { color: '#a9c8e6', sunIntensity: 1.6, sunElevationDeg: 52, sunAzimuthDeg: 56, ambient: 0.7 };

export const WorldSettings = z.object({
  style: z.string().max(200).describe('Room style guide, e.g. "lowpoly", "semi-realistic"'),
  scaleUnit: z.literal('m'),
  allowedKinds: z.array(z.enum(['prop', 'structure', 'character', 'terrain_stamp'])).min(1),
  budget: z.object({
    /** Spawns past this are refused with a clear message (seed §13 quotas). */
    maxEntities: z.number().int().min(1).max(5000),
    /** Triangle budget for an imported GLB (LOD0). */
    maxTriangles: z.number().int().min(100).max(2_000_000),
  }),
  gravity: z.number().min(-100).max(100).describe('m/s², negative is down'),
  /** Absent in worlds saved before it existed: DEFAULT_WORLD_SKY. */
  sky: WorldSky.optional(),
});
export type WorldSettings = z.infer<typeof WorldSettings>;
export const DEFAULT_WORLD_SETTINGS: WorldSettings = {
  style: 'lowpoly',
  scaleUnit: 'm',
  allowedKinds: ['prop', 'structure', 'character', 'terrain_stamp'],
  budget: { maxEntities: 2000, maxTriangles: 200_000 },
  gravity: -9.81,
};

export const World = z.object({
  id: Id,
  name: z.string(),
  settings: WorldSettings,
  /** Stored shape version (WORLD_VERSION after load: older worlds are migrated). */
  version: z.number().int().min(1),
  entityCount: z.number().int(),
  thumbnailMediaId: Id.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type World = z.infer<typeof World>;

// ---- assets --------------------------------------------------------------------------------

export const ProviderTraceStep = z.object({
  step: z.string().describe('e.g. recipe, mesh, texture, postprocess, import'),
  provider: z.string(),
  model: z.string().nullable(),
  version: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type ProviderTraceStep = z.infer<typeof ProviderTraceStep>;

/** Files live in the media store (GET /api/v1/media/:id/file); the GLB also at /world/assets/:id/glb. */
export const AssetFiles = z.object({
  glbMediaId: Id.nullable(),
  lodMediaIds: z.array(Id),
  thumbnailMediaId: Id.nullable(),
  colliderMediaId: Id.nullable(),
});
export type AssetFiles = z.infer<typeof AssetFiles>;

export const AssetKind = z.enum(['prop', 'structure', 'character', 'terrain_stamp']);
export type AssetKind = z.infer<typeof AssetKind>;
export const AssetSource = z.enum(['generated', 'procedural', 'imported']);

export const AssetLicense = z.object({
  name: z.string().describe('e.g. "generated (procedural)", "user import", "CC-BY-4.0"'),
  terms: z.string().nullable(),
});

/** Spawn defaults an entity takes from its asset. */
export const AssetDefaultParams = z.object({
  physics: EntityPhysics,
  behaviour: EntityBehaviour,
  scaleMeters: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
});
export type AssetDefaultParams = z.infer<typeof AssetDefaultParams>;

/** A recipe as a client sends it: normalizeRecipe (shared/world/recipe.ts) clamps it or refuses it naming the field. */
export const StoredRecipe = z.record(z.string(), z.unknown()).describe('A generation recipe (seed §6 Step A), normalised by the host');

export const AssetDefinition = z.object({
  id: Id.describe('assetId: the content hash of recipe + seed + model versions (imports: of the file)'),
  displayName: z.string(),
  kind: AssetKind,
  source: AssetSource,
  prompt: z.string(),
  negativePrompt: z.string(),
  /** The strict recipe (shared/world/recipe.ts); null for imports. */
  generationRecipe: Recipe.nullable(),
  seed: z.number().int().nullable(),
  providerTrace: z.array(ProviderTraceStep),
  files: AssetFiles,
  defaultParams: AssetDefaultParams,
  tags: z.array(z.string()),
  license: AssetLicense,
  /** 1 for an original; a regenerated version counts up from its parent's. */
  version: z.number().int().min(1),
  parentAssetId: Id.nullable(),
  triangles: z.number().int().nullable(),
  bounds: z.object({ min: Vec3, max: Vec3 }).nullable(),
  /** Partial outputs are published as drafts (seed §16 lifecycle). */
  draft: z.boolean(),
  warnings: z.array(z.string()),
  createdAt: IsoDate,
});
export type AssetDefinition = z.infer<typeof AssetDefinition>;

// ---- prefabs -------------------------------------------------------------------------------

/** One node of a prefab: `key` is local to the prefab, `parentKey` links children to their parent. */
export const PrefabNode = z.object({
  key: z.string().min(1).max(64),
  parentKey: z.string().min(1).max(64).nullable(),
  assetId: Id.nullable(),
  name: z.string().max(200),
  /** Relative to the parent (or to the prefab origin for roots). */
  transform: Transform,
  physics: EntityPhysics,
  render: EntityRender,
  behaviour: EntityBehaviour,
  placeholder: PlaceholderLook.nullable(),
});
export type PrefabNode = z.infer<typeof PrefabNode>;

export const Prefab = z.object({
  id: Id,
  name: z.string(),
  tags: z.array(z.string()),
  nodes: z.array(PrefabNode).min(1),
  thumbnailMediaId: Id.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Prefab = z.infer<typeof Prefab>;

// ---- terrain -------------------------------------------------------------------------------

/**
 * One stored heightmap chunk: shared/world/terrain.ts's EncodedChunk (base64 float32 heights and
 * splat bytes; the host decodes it with decodeChunk to refuse wrong sizes or non-finite heights).
 * Chunks never edited are not stored (flat grass).
 */
export const TerrainChunk = z.object({
  cx: z.number().int().min(-1024).max(1024),
  cz: z.number().int().min(-1024).max(1024),
  heights: z.string().max(2_000_000),
  splat: z.string().max(2_000_000),
  /** Counts saves of this chunk, so a client can tell a stale one. */
  revision: z.number().int().min(0),
});
export type TerrainChunk = z.infer<typeof TerrainChunk>;

export const TerrainState = z.object({
  worldId: Id,
  chunks: z.array(TerrainChunk),
});
export type TerrainState = z.infer<typeof TerrainState>;

// ---- generation jobs (seed §5 GenerationJob, §16) ------------------------------------------

export { FallbackPolicy };
/** Seed §5 lifecycle: queued → generating → postprocess → ready | failed (cancelled by request). */
export const GenerationStatus = z.enum(['queued', 'generating', 'postprocess', 'ready', 'failed', 'cancelled']);
export type GenerationStatus = z.infer<typeof GenerationStatus>;

export const GenerationPlanInput = z
  .object({
    meshStrategy: z.enum(['text_to_3d', 'image_to_3d', 'procedural']).optional(),
    textureStrategy: z.enum(['pbr_from_image', 'generated_pbr', 'flat']).optional(),
    lods: z.boolean().optional(),
    maxAttempts: z.number().int().min(1).max(5).optional(),
    fallbackPolicy: FallbackPolicy.optional(),
  })
  .strict();

export const CreateWorldJobBody = z
  .object({
    worldId: Id,
    prompt: z.string().trim().min(1).max(2000),
    negativePrompt: z.string().max(2000).default(''),
    assetType: AssetKind.optional(),
    generationPlan: GenerationPlanInput.optional(),
    /** Seed of the procedural generators (part of the asset's content hash); omitted, the prompt's own. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** Where the placeholder spawns (ground contact at position). */
    transform: Transform.optional(),
    /** Regenerate an existing entity (e.g. changed recipe parameters): its new asset is the next version of its current one. */
    entityId: Id.optional(),
    /** A full recipe to use instead of interpreting the prompt (inspector edits → new version). */
    recipe: StoredRecipe.optional(),
    draft: z.boolean().default(true),
    clientRequestId: z.string().max(200).optional(),
  })
  .strict();
export type CreateWorldJobBody = z.infer<typeof CreateWorldJobBody>;

export const WorldJobCreated = z.object({
  jobId: Id.nullable().describe('null when a stored asset with the same content hash was reused (nothing to generate)'),
  status: GenerationStatus,
  /** Set at once when the same recipe + seed + model versions already produced an asset. */
  assetId: Id.nullable(),
  reused: z.boolean(),
  placeholder: z.object({
    entityId: Id,
    scaleMeters: z.tuple([z.number(), z.number(), z.number()]),
    color: HexColor,
    collider: z.literal('box'),
    /** The composer's recipe the placeholder was built from (the job may refine it with an LLM). */
    recipe: Recipe,
    /** The composer's plain note when it fell back to a generic shape. */
    note: z.string().nullable(),
  }),
  entity: Entity,
  fallbackPolicy: FallbackPolicy,
  maxAttempts: z.number().int(),
});
export type WorldJobCreated = z.infer<typeof WorldJobCreated>;

export const WorldJobStatus = z.object({
  jobId: Id,
  status: GenerationStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z.number().min(0).max(1),
  detail: z.string().nullable(),
  resultAssetId: Id.nullable(),
  lastError: z.string().nullable(),
  entityId: Id.nullable(),
  worldId: Id.nullable(),
  fallbackPolicy: FallbackPolicy,
});
export type WorldJobStatus = z.infer<typeof WorldJobStatus>;

// ---- events (seed §16 WebSocket) -----------------------------------------------------------

export const WorldJobProgressEvent = z.object({
  type: z.literal('job_progress'),
  jobId: Id,
  worldId: Id.nullable(),
  status: GenerationStatus,
  progress: z.number().min(0).max(1),
  detail: z.string().nullable(),
});
export const WorldJobFailedEvent = z.object({
  type: z.literal('job_failed'),
  jobId: Id,
  worldId: Id.nullable(),
  entityId: Id.nullable(),
  error: z.string(),
  fallbackPolicy: FallbackPolicy,
  /** What the host did about it: retrying, downgraded to procedural, or the placeholder kept. */
  action: z.enum(['retry', 'downgrade', 'procedural_only', 'keep_placeholder']),
});
export const WorldAssetReadyEvent = z.object({
  type: z.literal('asset_ready'),
  jobId: Id.nullable(),
  worldId: Id.nullable(),
  assetId: Id,
  entityId: Id.nullable(),
  version: z.number().int(),
});
