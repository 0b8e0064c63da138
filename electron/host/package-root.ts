import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found by walking up from this file (src or dist, asar or not). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'auteur-studio') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the auteur-studio package root');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const APP_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'drizzle');
export const RENDERER_DIR = join(PACKAGE_ROOT, 'dist', 'renderer');
export const WORKER_ENTRY = join(PACKAGE_ROOT, 'dist', 'worker', 'entry.js');
