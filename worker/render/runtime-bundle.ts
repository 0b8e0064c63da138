/**
 * The headless page's script: dist/shader-runtime/runtime.iife.js, built from
 * renderer/shader-runtime by vite.runtime.config.ts (`node scripts/build.mjs`). Found from this
 * file in src and in dist alike.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = join('dist', 'shader-runtime', 'runtime.iife.js');

export function runtimeBundlePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const candidate = join(dir, RELATIVE).replace(`app.asar${'/'}`, 'app.asar.unpacked/');
      if (existsSync(candidate)) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`The shader runtime bundle (${RELATIVE}) is missing: run \`node scripts/build.mjs\` (or \`npm run build\`).`);
    dir = up;
  }
}

let cached: { path: string; mtimeMs: number; code: string } | null = null;

/** The bundle's source, re-read when the file changes (a rebuild during development). */
export function runtimeBundle(): string {
  const path = runtimeBundlePath();
  const mtimeMs = statSync(path).mtimeMs;
  if (!cached || cached.path !== path || cached.mtimeMs !== mtimeMs) cached = { path, mtimeMs, code: readFileSync(path, 'utf8') };
  return cached.code;
}
