import type { AssetDefinition, Entity, Prefab, World } from '../../../shared/schemas/world.js';
import { Recipe } from '../../../shared/world/recipe.js';
import { AssetDefaultParams, AssetFiles, PlaceholderLook, PrefabNode, ProviderTraceStep } from '../../../shared/schemas/world.js';
import type { worldAssets, worldEntities, worldPrefabs, worldWorlds } from '../db/world-schema.js';
import { repairBehaviour, repairPhysics, repairRender, repairSettings, repairTransform } from './world-migrations.js';

export type WorldRow = typeof worldWorlds.$inferSelect;
export type EntityRow = typeof worldEntities.$inferSelect;
export type AssetRow = typeof worldAssets.$inferSelect;
export type PrefabRow = typeof worldPrefabs.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

export function toWorld(r: WorldRow, entityCount: number): World {
  return {
    id: r.id,
    name: r.name,
    settings: repairSettings(r.settings),
    version: r.version,
    entityCount,
    thumbnailMediaId: r.thumbnailMediaId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Rows of the current version; repair keeps a row written mid-explosion loadable (world-migrations.ts). */
export function toEntity(r: EntityRow): Entity {
  const ph = PlaceholderLook.safeParse(r.placeholder);
  return {
    id: r.id,
    worldId: r.worldId,
    assetId: r.assetId,
    name: r.name,
    transform: repairTransform(r.transform),
    physics: repairPhysics(r.physics),
    render: repairRender(r.render),
    behaviour: repairBehaviour(r.behaviour),
    status: r.status,
    jobId: r.jobId,
    parentId: r.parentId,
    prefabId: r.prefabId,
    placeholder: ph.success ? ph.data : null,
    lastError: r.lastError,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toAsset(r: AssetRow): AssetDefinition {
  const bounds = r.bounds as AssetDefinition['bounds'];
  return {
    id: r.id,
    displayName: r.displayName,
    kind: r.kind,
    source: r.source,
    prompt: r.prompt,
    negativePrompt: r.negativePrompt,
    generationRecipe: r.recipe ? Recipe.parse(r.recipe) : null,
    seed: r.seed,
    providerTrace: ProviderTraceStep.array().catch([]).parse(r.providerTrace),
    files: AssetFiles.parse(r.files),
    defaultParams: AssetDefaultParams.parse(r.defaultParams),
    tags: strings(r.tags),
    license: r.license as AssetDefinition['license'],
    version: r.version,
    parentAssetId: r.parentAssetId,
    triangles: r.triangles,
    bounds: bounds ?? null,
    draft: r.draft,
    warnings: strings(r.warnings),
    createdAt: iso(r.createdAt),
  };
}

export function toPrefab(r: PrefabRow): Prefab {
  return {
    id: r.id,
    name: r.name,
    tags: strings(r.tags),
    nodes: PrefabNode.array().parse(r.nodes),
    thumbnailMediaId: r.thumbnailMediaId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
