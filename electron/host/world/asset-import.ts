import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { AssetDefinition, Entity } from '../../../shared/schemas/world.js';
import type { ImportGlbQuery } from '../../../shared/schemas/world-api.js';
import { DEFAULT_WORLD_SETTINGS } from '../../../shared/schemas/world.js';
import { AppError } from '../errors.js';
import { contentAddress, GLB_MIME, type AssetStore } from './asset-store.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_PHYSICS } from './defaults.js';
import type { WorldDeps } from './deps.js';
import type { EntityService } from './entity-service.js';
import { checkGlb, MAX_GLB_BYTES } from './glb-check.js';
import type { WorldService } from './world-service.js';

/** Imported meshes get this density for their default mass (kg/m³ over half the box: mixed wood/plastic). */
const IMPORT_DENSITY = 400;
const DRAIN_BYTES = 256 * 1024 * 1024;

/**
 * Reads a request body up to `max` bytes. Past it, the rest is read and dropped (up to a bound),
 * so the client gets the 413 that explains why instead of a reset connection.
 */
export async function readCapped(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let over = false;
  for await (const chunk of stream) {
    const c = chunk as Buffer;
    bytes += c.length;
    if (bytes > max) over = true;
    if (over) {
      if (bytes > max + DRAIN_BYTES) break;
      continue;
    }
    chunks.push(c);
  }
  if (over) throw new AppError(413, 'glb_too_large', `The GLB is over ${(max / 1048576).toFixed(0)} MB, the import cap`);
  return Buffer.concat(chunks);
}

export interface ImportResult {
  asset: AssetDefinition;
  reused: boolean;
  entity: Entity | null;
  warnings: string[];
}

/** A user's own GLB into the library: checked (glb-check.ts), stored by its content hash, optionally spawned. */
export class AssetImportService {
  constructor(
    private readonly deps: WorldDeps,
    private readonly assets: AssetStore,
    private readonly worlds: WorldService,
    private readonly entities: EntityService,
  ) {}

  async import(bytes: Buffer, q: z.infer<typeof ImportGlbQuery>, originalName: string | null): Promise<ImportResult> {
    const world = q.worldId ? this.worlds.get(q.worldId) : null;
    if (world) this.entities.assertBudget(world.id, 1);
    const maxTriangles = world?.settings.budget.maxTriangles ?? DEFAULT_WORLD_SETTINGS.budget.maxTriangles;
    if (!bytes.length) throw new AppError(400, 'glb_corrupt', 'The request body is empty: send the GLB bytes with Content-Type model/gltf-binary');
    const check = await checkGlb(bytes, { maxBytes: MAX_GLB_BYTES, maxTriangles });
    const id = contentAddress('glb', bytes);
    let asset = this.assets.find(id);
    let reused = !!asset;
    if (!asset) {
      const name = q.name ?? originalName?.replace(/\.glb$/i, '') ?? 'Imported model';
      const media = await this.deps.media.ingestBuffer(bytes, { mime: GLB_MIME, originalName: originalName ?? `${name}.glb`, provider: 'import', model: null, meta: { role: 'world-asset', triangles: check.triangles } });
      const size = check.bounds.max.map((v, i) => Math.max(0.01, v - check.bounds.min[i]!)) as [number, number, number];
      const massKg = Math.round(Math.min(1_000_000, Math.max(0.1, size[0] * size[1] * size[2] * 0.5 * IMPORT_DENSITY)) * 100) / 100;
      const r = this.assets.register({
        id,
        displayName: name,
        kind: q.kind,
        source: 'imported',
        prompt: '',
        negativePrompt: '',
        generationRecipe: null,
        seed: null,
        providerTrace: [{ step: 'import', provider: 'user', model: null, version: null, settings: { originalName, bytes: bytes.length } }],
        files: { glbMediaId: media.id, lodMediaIds: [], thumbnailMediaId: null, colliderMediaId: null },
        defaultParams: { physics: { ...DEFAULT_PHYSICS, massKg, collider: 'convex_hull' }, behaviour: DEFAULT_BEHAVIOUR, scaleMeters: size },
        tags: [q.kind, 'imported'],
        license: { name: 'user import', terms: 'Supplied by the user; its license is theirs to state' },
        version: 1,
        parentAssetId: null,
        triangles: check.triangles,
        bounds: check.bounds,
        draft: false,
        warnings: check.warnings,
      });
      asset = r.asset;
      reused = r.reused;
    }
    const entity = world
      ? this.entities.create(world.id, [{ name: asset.displayName, assetId: asset.id, status: 'ready', physics: asset.defaultParams.physics, behaviour: asset.defaultParams.behaviour }])[0]!
      : null;
    return { asset, reused, entity, warnings: check.warnings };
  }
}
