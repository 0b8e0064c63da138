import { z } from 'zod';
import { Ok } from '../schemas/common.js';
import { Job } from '../schemas/jobs.js';
import { AssetDefinition, CreateWorldJobBody, Entity, Prefab, TerrainState, World, WorldJobCreated, WorldJobStatus } from '../schemas/world.js';
import { AssetDownload, AssetList, AssetListQuery, CreatePrefabBody, CreateWorldBody, DeleteEntitiesBody, EntityList, EntityPatch, ImportGlbQuery, ImportedAsset, InstantiatePrefabBody, PrefabInstance, PrefabList, PutTerrainChunksBody, SimilarAssets, SimilarQuery, SpawnAssetBody, UpdateWorldBody, UpsertEntitiesBody, WorldDeleted, WorldFile, WorldList, WorldWithEntities } from '../schemas/world-api.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const W = { tag: 'world', auth: 'token' } as const;
const GLB = 'model/gltf-binary';

export const WorldSnapshotBody = z
  .object({
    width: z.number().int().min(64).max(2048).default(768),
    height: z.number().int().min(64).max(2048).default(512),
    /** Camera position and target in metres; omitted, the host frames every entity. */
    camera: z.object({ position: z.tuple([z.number(), z.number(), z.number()]), target: z.tuple([z.number(), z.number(), z.number()]) }).strict().optional(),
  })
  .strict();

/**
 * World studio (seed 001 §16 under /api/v1/world/…): worlds, entities, generation jobs with a
 * required Idempotency-Key, the content-addressed asset library (GLB download, import, export,
 * similar), prefabs and terrain chunks. Literal segments (/world/assets/import) never collide with
 * :id because they differ in method.
 */
export const WORLD_ROUTES = {
  // Worlds.
  'world.worlds.list': { ...W, method: 'get', path: '/world/worlds', summary: 'Worlds, most recently updated first', response: WorldList },
  'world.worlds.create': { ...W, method: 'post', path: '/world/worlds', summary: 'Create a world (settings: style, scale unit, allowed kinds, budget, gravity)', body: CreateWorldBody, response: World, status: 201 },
  'world.worlds.get': {
    ...W, method: 'get', path: '/world/worlds/:id', summary: 'A world with all its entities (an older stored version is migrated on load; migratedFrom says from which)',
    params: IdParams, response: WorldWithEntities,
  },
  'world.worlds.update': { ...W, method: 'patch', path: '/world/worlds/:id', summary: 'Rename a world or change its settings', params: IdParams, body: UpdateWorldBody, response: World },
  'world.worlds.delete': { ...W, method: 'delete', path: '/world/worlds/:id', summary: 'Delete a world with its entities and terrain (assets stay in the library)', params: IdParams, response: WorldDeleted },
  'world.worlds.export': {
    ...W, method: 'get', path: '/world/worlds/:id/glb', summary: 'The whole world as one GLB: every entity with a ready asset as a node at its transform (placeholders as boxes)',
    params: IdParams, response: z.unknown(), produces: GLB,
  },
  'world.worlds.file': {
    ...W, method: 'get', path: '/world/worlds/:id/file', summary: 'The world as a portable JSON world file (settings, entities, terrain; assets by id)',
    params: IdParams, response: WorldFile,
  },
  'world.worlds.import': {
    ...W, method: 'post', path: '/world/worlds/import',
    summary: 'A new world from a world file; a file from an older version is migrated (migratedFrom), entities whose asset is not in this library keep their placeholder, marked failed',
    body: WorldFile, response: WorldWithEntities, status: 201,
  },
  'world.worlds.snapshot': {
    ...W, method: 'post', path: '/world/worlds/:id/snapshot', summary: 'Queue a world.snapshot job: a PNG of the world rendered headless (the result names the media id)',
    params: IdParams, body: WorldSnapshotBody, response: Job, status: 202,
  },
  // Entities.
  'world.entities.list': { ...W, method: 'get', path: '/world/worlds/:id/entities', summary: 'The entities of a world', params: IdParams, response: EntityList },
  'world.entities.upsert': {
    ...W, method: 'put', path: '/world/worlds/:id/entities',
    summary: 'Batch upsert (autosave): entries with a known id are updated, others created; one transaction, refused whole when any entry is invalid or the spawn budget would be passed',
    params: IdParams, body: UpsertEntitiesBody, response: EntityList,
  },
  'world.entities.deleteMany': { ...W, method: 'post', path: '/world/worlds/:id/entities/delete', summary: 'Delete entities (and their prefab children) by id', params: IdParams, body: DeleteEntitiesBody, response: z.object({ ok: z.literal(true), deleted: z.array(z.string()) }) },
  'world.entities.spawnAsset': { ...W, method: 'post', path: '/world/worlds/:id/spawn', summary: 'Spawn a library asset into the world (its default physics and behaviour)', params: IdParams, body: SpawnAssetBody, response: Entity, status: 201 },
  'world.entities.get': { ...W, method: 'get', path: '/world/entities/:id', summary: 'One entity', params: IdParams, response: Entity },
  'world.entities.update': { ...W, method: 'patch', path: '/world/entities/:id', summary: 'Patch one entity (transform, physics, render, behaviour, name, asset, parent); non-finite numbers are refused naming the field', params: IdParams, body: EntityPatch, response: Entity },
  'world.entities.delete': { ...W, method: 'delete', path: '/world/entities/:id', summary: 'Delete one entity and its prefab children', params: IdParams, response: Ok },
  // Terrain.
  'world.terrain.get': { ...W, method: 'get', path: '/world/worlds/:id/terrain', summary: 'The terrain chunks of a world (heights and splat as opaque base64, see shared/world/terrain.ts)', params: IdParams, response: TerrainState },
  'world.terrain.put': { ...W, method: 'put', path: '/world/worlds/:id/terrain', summary: 'Store edited terrain chunks (each chunk replaced whole, its revision counted up)', params: IdParams, body: PutTerrainChunksBody, response: TerrainState },
  // Generation jobs (seed §16).
  'world.jobs.create': {
    ...W, method: 'post', path: '/world/jobs',
    summary: 'Prompt → placeholder entity at once (from the procedural composer) and a queued world.generate job; the same Idempotency-Key answers the same (a new key with the same recipe reuses the stored asset)',
    headers: { 'Idempotency-Key': 'required: 1–200 characters; a retried request with the same key gets the first answer' },
    body: CreateWorldJobBody, response: WorldJobCreated, status: 202,
  },
  'world.jobs.get': { ...W, method: 'get', path: '/world/jobs/:id', summary: 'Generation job status (seed lifecycle: queued, generating, postprocess, ready, failed, cancelled), progress and result asset id', params: IdParams, response: WorldJobStatus },
  'world.jobs.cancel': { ...W, method: 'post', path: '/world/jobs/:id/cancel', summary: 'Cancel a generation job that is still running (the placeholder stays, marked failed)', params: IdParams, response: WorldJobStatus },
  'world.jobs.retry': { ...W, method: 'post', path: '/world/jobs/:id/retry', summary: 'Retry a failed or cancelled generation job', params: IdParams, response: WorldJobStatus },
  // Assets.
  'world.assets.list': { ...W, method: 'get', path: '/world/assets', summary: 'The asset library, newest first; search by name, prompt and tags', query: AssetListQuery, response: AssetList },
  'world.assets.import': {
    ...W, method: 'post', path: '/world/assets/import',
    summary: 'Import a GLB (raw body, Content-Type model/gltf-binary): validated (size cap, triangle budget, no external URIs, a glTF validator pass); corrupt files are refused naming the problem',
    headers: { 'Content-Type': GLB }, query: ImportGlbQuery, response: ImportedAsset, status: 201,
  },
  'world.assets.get': { ...W, method: 'get', path: '/world/assets/:id', summary: 'One AssetDefinition', params: IdParams, response: AssetDefinition },
  'world.assets.glb': { ...W, method: 'get', path: '/world/assets/:id/glb', summary: 'Download the asset as GLB', params: IdParams, response: z.unknown(), produces: GLB },
  'world.assets.download': {
    ...W, method: 'get', path: '/world/assets/:id/download', summary: 'Seed §16 download: URLs (under /api/v1, with the token) of the GLB, its LODs, thumbnail and collider',
    params: IdParams, response: AssetDownload,
  },
  'world.assets.thumbnail': { ...W, method: 'get', path: '/world/assets/:id/thumbnail', summary: 'The asset thumbnail (PNG); 404 until one was rendered', params: IdParams, response: z.unknown(), produces: 'image/png' },
  'world.assets.similar': { ...W, method: 'get', path: '/world/assets/:id/similar', summary: 'Assets whose recipe embeddings are nearest (sqlite-vec)', params: IdParams, query: SimilarQuery, response: SimilarAssets },
  // Prefabs.
  'world.prefabs.list': { ...W, method: 'get', path: '/world/prefabs', summary: 'Saved prefabs', response: PrefabList },
  'world.prefabs.create': { ...W, method: 'post', path: '/world/prefabs', summary: 'Save entities of a world (with their children) as a prefab', body: CreatePrefabBody, response: Prefab, status: 201 },
  'world.prefabs.get': { ...W, method: 'get', path: '/world/prefabs/:id', summary: 'One prefab', params: IdParams, response: Prefab },
  'world.prefabs.delete': { ...W, method: 'delete', path: '/world/prefabs/:id', summary: 'Delete a prefab (entities made from it stay)', params: IdParams, response: Ok },
  'world.prefabs.instantiate': { ...W, method: 'post', path: '/world/prefabs/:id/instantiate', summary: 'Spawn a prefab into a world: its nodes become entities with the same parent links', params: IdParams, body: InstantiatePrefabBody, response: PrefabInstance, status: 201 },
} as const satisfies Record<string, RouteSpec>;
