import { eq } from 'drizzle-orm';
import type { DeclaredStyle } from '../../../shared/schemas/shaders.js';
import type { SeedAsset, SeedAssetManifest } from '../../../worker/generate/seed-assets.js';
import { shaders } from '../db/schema.js';
import type { ShaderDeps } from './deps.js';
import { glslFeatures } from './glsl-features.js';
import { sourceOf, type ShaderRow } from './shader-rows.js';
import { indexStyle, type StoredRenderStats } from './style-index.js';
import { deriveStyle } from './style-metadata.js';

/** Marks a thumbnail that came with the app rather than from a render on this machine (shown as its renderer). */
export const precomputedProvider = (provider: string): string => `${provider} (precomputed)`;

/**
 * Takes a shipped thumbnail into the media store (copied: the package stays intact). Provenance:
 * "<renderer> (precomputed)" as provider, the WebGL renderer string that drew it as model.
 */
export async function ingestSeedThumbnail(
  deps: ShaderDeps,
  shaderId: string,
  asset: SeedAsset,
  thumbnailPath: string,
  renderer: SeedAssetManifest['renderer'],
): Promise<string> {
  const m = await deps.media.ingestFile(thumbnailPath, {
    mime: asset.thumbnailMime,
    originalName: asset.thumbnail,
    provider: precomputedProvider(renderer.provider),
    model: renderer.gl,
    jobId: null,
    meta: { shaderId, width: asset.width, height: asset.height, precomputed: true, gl: renderer.gl, sourceHash: asset.sourceHash },
  });
  return m.id;
}

/**
 * Makes a freshly inserted seed render-ready from its precomputed render, as the render hook
 * would from a render made here: stats, style metadata (derived from the stored stats, no
 * browser) and the style vector. Synchronous, so it runs inside the seeding transaction.
 */
export function applySeedAsset(deps: ShaderDeps, row: ShaderRow, asset: SeedAsset, thumbnailMediaId: string, now = Date.now()): ShaderRow {
  const stored: StoredRenderStats = { stats: asset.stats, isStatic: asset.validity.isStatic, frameMs: asset.frameTimeMs?.mean ?? null };
  const style = deriveStyle({ ...stored, features: glslFeatures(sourceOf(row)), declared: (row.declaredStyle as DeclaredStyle | null) ?? null });
  const updated = deps.database.db
    .update(shaders)
    .set({
      renderStatus: 'ready',
      renderError: null,
      renderDiagnostics: asset.diagnostics,
      renderedAt: now,
      renderStats: stored,
      styleMetadata: style,
      thumbnailMediaId,
      updatedAt: now,
    })
    .where(eq(shaders.id, row.id))
    .returning()
    .get();
  if (!updated) throw new Error(`shader ${row.id} vanished while its precomputed render was applied`);
  indexStyle(deps, updated);
  return updated;
}
