import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rendered scene pieces (picture + voice, one Matroska file each: H.264 + PCM, so its length is
 * exact — AAC would pad every piece by a frame) under <dataDir>/cache/video/scenes:
 * <sha256>.mkv + <sha256>.json, keyed by everything that changes the piece. Re-rendering a video
 * after one scene changed finds the other scenes here and only joins them again.
 */

/** Bump when the piece layout changes (lead-in, audio format, …) so old pieces are not reused. */
export const PIECE_VERSION = 2;

export interface PieceMeta {
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  visualProvider: 'embedded' | 'comfyui';
  visualModel: string;
  visualFallback: string | null;
  createdAt: string;
}

export function pieceCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'video', 'scenes');
}

export function pieceKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify([PIECE_VERSION, parts])).digest('hex');
}

export function readPiece(dataDir: string, key: string): { path: string; meta: PieceMeta } | null {
  const dir = pieceCacheDir(dataDir);
  const path = join(dir, `${key}.mkv`);
  const sidecar = join(dir, `${key}.json`);
  if (!existsSync(path) || !existsSync(sidecar)) return null;
  try {
    return { path, meta: JSON.parse(readFileSync(sidecar, 'utf8')) as PieceMeta };
  } catch {
    return null; // a torn sidecar is a miss
  }
}

/**
 * Moves a finished piece into the cache: the video first, the sidecar last, each by rename, so a
 * reader never finds a sidecar whose video is missing or half-written.
 */
export function storePiece(dataDir: string, key: string, file: string, meta: PieceMeta): string {
  const dir = pieceCacheDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${key}.mkv`);
  try {
    renameSync(file, path);
  } catch {
    // Another filesystem (a scratch dir elsewhere): copy through a temp name instead.
    const tmp = join(dir, `.${randomUUID()}.tmp`);
    writeFileSync(tmp, readFileSync(file));
    renameSync(tmp, path);
    rmSync(file, { force: true });
  }
  const tmp = join(dir, `.${randomUUID()}.tmp`);
  writeFileSync(tmp, JSON.stringify(meta, null, 2));
  renameSync(tmp, join(dir, `${key}.json`));
  return path;
}
