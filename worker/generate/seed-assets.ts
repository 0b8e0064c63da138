import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CompileDiagnostic } from '../../shared/shaders/source.js';
import { FrameStats, RenderValidity } from '../../shared/shaders/render-contract.js';
import { shaderResourceDir, type SeedShader } from './seed-library.js';

/**
 * Precomputed renders of the seed shaders (resources/shaders/precomputed, written by
 * `npm run seeds:precompute`): a thumbnail and the frame statistics per seed, so first launch
 * shows a full feed without rendering anything on this machine. Each entry carries the hash of
 * the source it was rendered from; a seed whose code changed since is "stale" and renders here.
 */
export const MANIFEST_FILE = 'manifest.json';

export const SeedAsset = z.object({
  title: z.string(),
  sourceHash: z.string(),
  /** File name in the assets folder. */
  thumbnail: z.string(),
  thumbnailMime: z.enum(['image/webp', 'image/jpeg', 'image/png']),
  width: z.number().int(),
  height: z.number().int(),
  frames: z.number().int(),
  frameTimeMs: z.object({ mean: z.number(), p95: z.number(), max: z.number() }).nullable(),
  stats: FrameStats,
  validity: RenderValidity,
  diagnostics: z.array(CompileDiagnostic),
  renderMs: z.number(),
});
export type SeedAsset = z.infer<typeof SeedAsset>;

export const SeedAssetManifest = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  /** The renderer that made them: provider and the WebGL renderer string (e.g. SwiftShader). */
  renderer: z.object({ provider: z.string(), gl: z.string().nullable() }),
  params: z.object({ width: z.number().int(), height: z.number().int(), fps: z.number().int(), seconds: z.number(), thumbnailTime: z.number() }),
  /** By seed slug (the file name in resources/shaders/seed). */
  seeds: z.record(z.string(), SeedAsset),
});
export type SeedAssetManifest = z.infer<typeof SeedAssetManifest>;

export interface SeedAssets {
  dir: string;
  manifest: SeedAssetManifest;
}

export type SeedAssetLookup =
  | { state: 'fresh'; asset: SeedAsset; thumbnailPath: string }
  | { state: 'missing' | 'stale'; reason: string };

export const defaultSeedAssetDir = (): string => shaderResourceDir('precomputed');

/** The manifest, or null when there is none (a checkout that never ran the precompute script). */
export function loadSeedAssets(dir?: string): SeedAssets | null {
  let folder: string;
  try {
    folder = dir ?? defaultSeedAssetDir();
  } catch {
    return null;
  }
  const path = join(folder, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Precomputed seed assets ${path} are not valid JSON: ${(err as Error).message}`);
  }
  const parsed = SeedAssetManifest.safeParse(raw);
  if (!parsed.success) throw new Error(`Precomputed seed assets ${path} do not match the manifest format:\n${z.prettifyError(parsed.error)}`);
  return { dir: folder, manifest: parsed.data };
}

/** Whether a seed has a usable precomputed render: present, made from this very source, with its thumbnail file. */
export function seedAssetFor(seed: Pick<SeedShader, 'slug' | 'sourceHash'>, assets: SeedAssets | null): SeedAssetLookup {
  const asset = assets?.manifest.seeds[seed.slug];
  if (!assets || !asset) return { state: 'missing', reason: 'no precomputed render (run `npm run seeds:precompute`)' };
  if (asset.sourceHash !== seed.sourceHash) return { state: 'stale', reason: `its source changed since the precomputed render (${asset.sourceHash} → ${seed.sourceHash}); run \`npm run seeds:precompute\`` };
  const thumbnailPath = join(assets.dir, asset.thumbnail);
  if (!existsSync(thumbnailPath)) return { state: 'missing', reason: `the precomputed thumbnail ${asset.thumbnail} is missing` };
  return { state: 'fresh', asset, thumbnailPath };
}
