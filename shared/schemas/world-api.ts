import { z } from 'zod';
import { Id } from './common.js';
import { AssetDefinition, AssetKind, Entity, EntityBehaviour, EntityPhysics, EntityRender, PlaceholderLook, Prefab, TerrainChunk, Transform, WORLD_VERSION, World, WorldSettings } from './world.js';

/** World studio request bodies, responses and the portable world file (entities in world.ts). */

// ---- request bodies ------------------------------------------------------------------------

const Name = z.string().trim().min(1).max(200);

/** Settings a request may change: any field, the budget field by field. */
export const WorldSettingsPatch = WorldSettings.extend({ budget: WorldSettings.shape.budget.partial() }).partial();
export const CreateWorldBody = z.object({ name: Name, settings: WorldSettingsPatch.optional() }).strict();
export const UpdateWorldBody = z.object({ name: Name.optional(), settings: WorldSettingsPatch.optional() }).strict();

/** Entity fields a client may write; omitted ones take defaults (new) or keep their value (patch). */
const EntityWritable = {
  assetId: Id.nullable(),
  name: z.string().trim().max(200),
  transform: Transform,
  physics: EntityPhysics.partial(),
  render: EntityRender.partial(),
  behaviour: EntityBehaviour.partial(),
  parentId: Id.nullable(),
  placeholder: PlaceholderLook.nullable(),
};
/** Batch upsert: an entry with an existing id updates it, one without (or an unknown id) creates it. */
export const EntityUpsert = z
  .object({
    id: Id.optional(),
    assetId: EntityWritable.assetId.optional(),
    name: EntityWritable.name.optional(),
    transform: EntityWritable.transform.optional(),
    physics: EntityWritable.physics.optional(),
    render: EntityWritable.render.optional(),
    behaviour: EntityWritable.behaviour.optional(),
    parentId: EntityWritable.parentId.optional(),
    placeholder: EntityWritable.placeholder.optional(),
  })
  .strict();
export type EntityUpsert = z.infer<typeof EntityUpsert>;
export const UpsertEntitiesBody = z.object({ entities: z.array(EntityUpsert).min(1).max(5000) }).strict();
export const EntityPatch = EntityUpsert.omit({ id: true });
export type EntityPatch = z.infer<typeof EntityPatch>;
export const DeleteEntitiesBody = z.object({ ids: z.array(Id).min(1).max(5000) }).strict();

export const AssetListQuery = z.object({
  q: z.string().max(200).optional().describe('Search in name, prompt and tags'),
  kind: AssetKind.optional(),
  tag: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const SimilarQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) });
export const ImportGlbQuery = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  kind: AssetKind.default('prop'),
  /** Spawn it into this world at the origin after import. */
  worldId: Id.optional(),
});
export const SpawnAssetBody = z.object({ assetId: Id, transform: Transform.optional(), name: z.string().trim().max(200).optional() }).strict();
export const CreatePrefabBody = z
  .object({
    name: Name,
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    /** Save these entities of one world (with their children) as a prefab. */
    worldId: Id,
    entityIds: z.array(Id).min(1).max(500),
  })
  .strict();
export const InstantiatePrefabBody = z.object({ worldId: Id, transform: Transform.optional() }).strict();
export const PutTerrainChunksBody = z
  .object({
    chunks: z.array(TerrainChunk.omit({ revision: true })).max(256).default([]),
    /** Chunks back to flat grass (their stored rows are removed). */
    flatten: z.array(z.object({ cx: z.number().int(), cz: z.number().int() })).max(256).default([]),
  })
  .strict();

// ---- world files ---------------------------------------------------------------------------

export const WORLD_FILE_FORMAT = 'auteur-world';
/**
 * A world as a portable JSON file (export, then import here or elsewhere). `version` is the
 * WORLD_VERSION that wrote it: entity parts are kept loose so an older file's shapes reach the
 * migration (world-migrations.ts) instead of being refused; what comes out is validated.
 */
export const WorldFile = z
  .object({
    format: z.literal(WORLD_FILE_FORMAT),
    version: z.number().int().min(1),
    name: Name,
    settings: z.unknown(),
    entities: z
      .array(
        z.object({
          id: Id,
          name: z.string().max(200).default('Entity'),
          assetId: Id.nullable().default(null),
          transform: z.unknown(),
          physics: z.unknown().default({}),
          render: z.unknown().default({}),
          behaviour: z.unknown().default({}),
          parentId: Id.nullable().default(null),
          placeholder: z.unknown().default(null),
        }),
      )
      .max(5000),
    terrain: z.array(TerrainChunk.omit({ revision: true })).max(256).default([]),
  })
  .strict();
export type WorldFile = z.infer<typeof WorldFile>;

// ---- responses -----------------------------------------------------------------------------

export const WorldList = z.object({ worlds: z.array(World) });
export const WorldWithEntities = z.object({ world: World, entities: z.array(Entity), migratedFrom: z.number().int().nullable() });
export type WorldWithEntities = z.infer<typeof WorldWithEntities>;
export const EntityList = z.object({ entities: z.array(Entity) });
export const AssetList = z.object({ assets: z.array(AssetDefinition) });
/** Paths under the API root; the local host has no signed URLs, they take the same bearer token. */
export const AssetDownload = z.object({
  assetId: Id,
  glb: z.string().nullable(),
  lods: z.array(z.string()),
  thumbnail: z.string().nullable(),
  collider: z.string().nullable(),
});
export const SimilarAssets = z.object({ assets: z.array(AssetDefinition.extend({ distance: z.number() })) });
export const ImportedAsset = z.object({ asset: AssetDefinition, reused: z.boolean(), entity: Entity.nullable(), warnings: z.array(z.string()) });
export const PrefabList = z.object({ prefabs: z.array(Prefab) });
export const PrefabInstance = z.object({ entities: z.array(Entity) });
export const WorldDeleted = z.object({ ok: z.literal(true), id: Id });
