/**
 * World studio tables (issue 11, seed 001 §5). JSON columns hold the zod shapes of
 * shared/schemas/world.ts (validated on read). The recipe embeddings for "similar" live in the
 * sqlite-vec table `vec_world_recipe`, created by the same migration (drizzle cannot describe vec0).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const worldWorlds = sqliteTable('world_worlds', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** WorldSettings JSON. */
  settings: text('settings', { mode: 'json' }).notNull(),
  /** Shape version of this world's stored rows; older ones are migrated on load (world-migrations.ts). */
  version: integer('version').notNull(),
  thumbnailMediaId: text('thumbnail_media_id'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

export const worldEntities = sqliteTable(
  'world_entities',
  {
    id: text('id').primaryKey(),
    worldId: text('world_id').notNull().references(() => worldWorlds.id, { onDelete: 'cascade' }),
    /** No foreign key: a placeholder has none yet, and an asset outlives nothing it is used by. */
    assetId: text('asset_id'),
    name: text('name').notNull(),
    /** Transform, EntityPhysics, EntityRender, EntityBehaviour, PlaceholderLook JSON. */
    transform: text('transform', { mode: 'json' }).notNull(),
    physics: text('physics', { mode: 'json' }).notNull(),
    render: text('render', { mode: 'json' }).notNull(),
    behaviour: text('behaviour', { mode: 'json' }).notNull(),
    placeholder: text('placeholder', { mode: 'json' }),
    status: text('status', { enum: ['draft', 'ready', 'failed'] }).notNull(),
    jobId: text('job_id'),
    parentId: text('parent_id'),
    prefabId: text('prefab_id'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('idx_world_entities_world').on(t.worldId), index('idx_world_entities_job').on(t.jobId), index('idx_world_entities_parent').on(t.parentId)],
);

export const worldAssets = sqliteTable(
  'world_assets',
  {
    /** The content hash (recipe + seed + generator/model versions; imports: the file bytes). */
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    kind: text('kind', { enum: ['prop', 'structure', 'character', 'terrain_stamp'] }).notNull(),
    source: text('source', { enum: ['generated', 'procedural', 'imported'] }).notNull(),
    prompt: text('prompt').notNull(),
    negativePrompt: text('negative_prompt').notNull().default(''),
    recipe: text('recipe', { mode: 'json' }),
    seed: integer('seed'),
    providerTrace: text('provider_trace', { mode: 'json' }).notNull(),
    /** AssetFiles JSON (media ids). */
    files: text('files', { mode: 'json' }).notNull(),
    defaultParams: text('default_params', { mode: 'json' }).notNull(),
    tags: text('tags', { mode: 'json' }).notNull(),
    license: text('license', { mode: 'json' }).notNull(),
    version: integer('version').notNull().default(1),
    parentAssetId: text('parent_asset_id'),
    triangles: integer('triangles'),
    bounds: text('bounds', { mode: 'json' }),
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
    warnings: text('warnings', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('idx_world_assets_created').on(t.createdAt), index('idx_world_assets_parent').on(t.parentAssetId)],
);

/**
 * Generation requests by their content key (prompt or recipe + seed + plan + world style +
 * generator version): the same request again reuses the finished asset, or joins the running job.
 */
export const worldGenerations = sqliteTable(
  'world_generations',
  {
    requestKey: text('request_key').primaryKey(),
    jobId: text('job_id').notNull(),
    assetId: text('asset_id'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('idx_world_generations_job').on(t.jobId)],
);

/** POST /world/jobs answers by Idempotency-Key: the same key gets the first answer again. */
export const worldJobRequests = sqliteTable('world_job_requests', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  /** Hash of the request body: the same key with another body is refused (409). */
  bodyHash: text('body_hash').notNull(),
  response: text('response', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull().default(now),
});

export const worldPrefabs = sqliteTable('world_prefabs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tags: text('tags', { mode: 'json' }).notNull(),
  /** PrefabNode[] JSON. */
  nodes: text('nodes', { mode: 'json' }).notNull(),
  thumbnailMediaId: text('thumbnail_media_id'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

export const worldTerrainChunks = sqliteTable(
  'world_terrain_chunks',
  {
    worldId: text('world_id').notNull().references(() => worldWorlds.id, { onDelete: 'cascade' }),
    cx: integer('cx').notNull(),
    cz: integer('cz').notNull(),
    heights: text('heights').notNull(),
    splat: text('splat').notNull(),
    revision: integer('revision').notNull().default(0),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.worldId, t.cx, t.cz] })],
);
