/**
 * Content-addressed scene clips under <dataDir>/cache/video/visuals: <key>.mp4 + <key>.json.
 * The key hashes everything that changes the picture (provider, composer version or ComfyUI
 * model and workflow, the scene's words, style, title card, size, rate, length), so an edited
 * scene is rendered again while its unchanged neighbours come straight from here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposerChoice, SceneVisualProvider } from './types.js';
import { canonicalJson } from '../../../shared/canonical-json.js';

/** Bumped when the clip pipeline (encoding, title card) changes what a key's clip looks like. */
export const VISUALS_PIPELINE_VERSION = 1;

export interface ClipMeta {
  provider: SceneVisualProvider;
  model: string;
  workflow?: 'txt2img' | 'txt2video' | undefined;
  width: number;
  height: number;
  fps: number;
  frames: number;
  durationSec: number;
  composition?: ComposerChoice | undefined;
  createdAt: string;
}


export function clipCacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson({ pipeline: VISUALS_PIPELINE_VERSION, ...parts })).digest('hex').slice(0, 40);
}

export function clipPaths(cacheDir: string, key: string): { clip: string; meta: string } {
  return { clip: join(cacheDir, `${key}.mp4`), meta: join(cacheDir, `${key}.json`) };
}

/** A finished clip for this key, or null (a sidecar without its clip, or a torn sidecar, is a miss). */
export function readCachedClip(cacheDir: string, key: string): (ClipMeta & { path: string }) | null {
  const p = clipPaths(cacheDir, key);
  if (!existsSync(p.meta) || !existsSync(p.clip)) return null;
  try {
    if (statSync(p.clip).size === 0) return null;
    const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as ClipMeta;
    if (typeof meta.provider !== 'string' || typeof meta.frames !== 'number') return null;
    return { ...meta, path: p.clip };
  } catch {
    return null;
  }
}

/** A scratch path inside the cache folder (same file system, so the final rename is atomic). */
export function pendingClipPath(cacheDir: string): string {
  mkdirSync(cacheDir, { recursive: true });
  return join(cacheDir, `.${randomUUID()}.tmp.mp4`);
}

/** Moves a file, copying when source and target are on different file systems. */
export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

/** Clip first, sidecar last, each by rename: a reader never sees a sidecar without its clip. */
export function storeClip(cacheDir: string, key: string, pendingPath: string, meta: ClipMeta): string {
  const p = clipPaths(cacheDir, key);
  moveFile(pendingPath, p.clip);
  const tmp = join(cacheDir, `.${randomUUID()}.tmp.json`);
  writeFileSync(tmp, JSON.stringify(meta, null, 2));
  renameSync(tmp, p.meta);
  return p.clip;
}
