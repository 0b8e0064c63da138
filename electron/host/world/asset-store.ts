import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssetDefinition } from '../../../shared/schemas/world.js';
import type { AssetListQuery } from '../../../shared/schemas/world-api.js';
import { worldAssets } from '../db/world-schema.js';
import { notFound } from '../errors.js';
import type { WorldDeps } from './deps.js';
import { nearestRecipes, putRecipeVector, recipeEmbedding } from './recipe-embedding.js';
import { toAsset } from './rows.js';

export const GLB_MIME = 'model/gltf-binary';

/** An asset as a pipeline hands it over; files are already media ids. */
export type NewAsset = Omit<AssetDefinition, 'createdAt'>;

/** sha256 hex of canonical JSON / bytes: the content address of an asset. */
export function contentAddress(prefix: string, data: string | Buffer): string {
  return `${prefix}_${createHash('sha256').update(data).digest('hex').slice(0, 40)}`;
}

/**
 * The content-addressed asset library. An asset's id is the hash of what made it (recipe + seed +
 * generator and model versions; an import: its bytes), so registering the same thing twice
 * returns the stored one instead of a copy. Files live in the media store; the recipe embedding
 * goes to vec_world_recipe for "similar".
 */
export class AssetStore {
  constructor(private readonly deps: WorldDeps) {}

  private get db() {
    return this.deps.database.db;
  }

  find(id: string): AssetDefinition | null {
    const r = this.db.select().from(worldAssets).where(eq(worldAssets.id, id)).get();
    return r ? toAsset(r) : null;
  }

  get(id: string): AssetDefinition {
    const a = this.find(id);
    if (!a) throw notFound(`Asset ${id}`);
    return a;
  }

  /** Stores the asset unless one with its id exists; `reused` says which happened. */
  register(a: NewAsset): { asset: AssetDefinition; reused: boolean } {
    const existing = this.find(a.id);
    if (existing) return { asset: existing, reused: true };
    this.deps.database.sqlite.transaction(() => {
      this.db
        .insert(worldAssets)
        .values({
          id: a.id,
          displayName: a.displayName,
          kind: a.kind,
          source: a.source,
          prompt: a.prompt,
          negativePrompt: a.negativePrompt,
          recipe: a.generationRecipe,
          seed: a.seed,
          providerTrace: a.providerTrace,
          files: a.files,
          defaultParams: a.defaultParams,
          tags: a.tags,
          license: a.license,
          version: a.version,
          parentAssetId: a.parentAssetId,
          triangles: a.triangles,
          bounds: a.bounds,
          draft: a.draft,
          warnings: a.warnings,
        })
        .run();
      putRecipeVector(
        this.deps.database.sqlite,
        a.id,
        recipeEmbedding({ kind: a.kind, displayName: a.displayName, tags: a.tags, recipe: a.generationRecipe, scaleMeters: a.defaultParams.scaleMeters }),
      );
    })();
    this.deps.bus.publish({ type: 'domain', topic: 'world.asset.created', id: a.id, data: null });
    return { asset: this.get(a.id), reused: false };
  }

  setThumbnail(id: string, mediaId: string): void {
    const a = this.get(id);
    this.db.update(worldAssets).set({ files: { ...a.files, thumbnailMediaId: mediaId } }).where(eq(worldAssets.id, id)).run();
    this.deps.bus.publish({ type: 'domain', topic: 'world.asset.updated', id, data: null });
  }

  list(q: z.infer<typeof AssetListQuery>): AssetDefinition[] {
    const terms = q.q?.trim() ? `%${q.q.trim().replace(/[%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = this.db
      .select()
      .from(worldAssets)
      .where(
        sql.join(
          [
            sql`1 = 1`,
            ...(terms ? [sql`(${or(like(worldAssets.displayName, terms), like(worldAssets.prompt, terms), like(worldAssets.tags, terms))})`] : []),
            ...(q.kind ? [sql`${worldAssets.kind} = ${q.kind}`] : []),
            ...(q.tag ? [sql`EXISTS (SELECT 1 FROM json_each(${worldAssets.tags}) WHERE value = ${q.tag})`] : []),
          ],
          sql` AND `,
        ),
      )
      .orderBy(desc(worldAssets.createdAt))
      .limit(q.limit)
      .all();
    return rows.map(toAsset);
  }

  similar(id: string, limit: number): (AssetDefinition & { distance: number })[] {
    this.get(id);
    const near = nearestRecipes(this.deps.database.sqlite, id, limit);
    if (!near.length) return [];
    const byId = new Map(this.db.select().from(worldAssets).where(inArray(worldAssets.id, near.map((n) => n.id))).all().map((r) => [r.id, toAsset(r)]));
    return near.flatMap((n) => {
      const a = byId.get(n.id);
      return a ? [{ ...a, distance: n.distance }] : [];
    });
  }

  /** The bytes of an asset's GLB (404 when it has none, e.g. a failed draft). */
  glb(id: string): Buffer {
    const a = this.get(id);
    if (!a.files.glbMediaId) throw notFound(`The GLB of asset ${id}`);
    const row = this.deps.media.get(a.files.glbMediaId);
    if (!row) throw notFound(`Media ${a.files.glbMediaId} (GLB of asset ${id})`);
    return readFileSync(this.deps.media.absolutePath(row));
  }

  thumbnailPath(id: string): string {
    const a = this.get(id);
    const row = a.files.thumbnailMediaId ? this.deps.media.get(a.files.thumbnailMediaId) : undefined;
    if (!row) throw notFound(`A thumbnail of asset ${id} (none rendered yet)`);
    return this.deps.media.absolutePath(row);
  }
}
