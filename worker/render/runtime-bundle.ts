/**
 * Scripts the headless pages run, built by Vite (`node scripts/build.mjs`): the shader runtime
 * (dist/shader-runtime/runtime.iife.js from renderer/shader-runtime) and the world snapshot
 * runtime (dist/world-runtime). Found from this file in src and in dist alike, and in an
 * unpacked asar of the desktop app.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuiltBundle {
  path(): string;
  /** The bundle's source, re-read when the file changes (a rebuild during development). */
  code(): string;
}

/** A built page script at `relative` (from the package root); `what` names it in the error when it is missing. */
export function builtBundle(relative: string, what: string): BuiltBundle {
  const path = (): string => {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
      if (existsSync(join(dir, 'package.json'))) {
        const candidate = join(dir, relative).replace(`app.asar${'/'}`, 'app.asar.unpacked/');
        if (existsSync(candidate)) return candidate;
      }
      const up = dirname(dir);
      if (up === dir) throw new Error(`${what} (${relative}) is missing: run \`node scripts/build.mjs\` (or \`npm run build\`).`);
      dir = up;
    }
  };
  let cached: { path: string; mtimeMs: number; code: string } | null = null;
  return {
    path,
    code() {
      const p = path();
      const mtimeMs = statSync(p).mtimeMs;
      if (!cached || cached.path !== p || cached.mtimeMs !== mtimeMs) cached = { path: p, mtimeMs, code: readFileSync(p, 'utf8') };
      return cached.code;
    },
  };
}

const SHADER_RUNTIME = builtBundle(join('dist', 'shader-runtime', 'runtime.iife.js'), 'The shader runtime bundle');

export const runtimeBundlePath = (): string => SHADER_RUNTIME.path();
export const runtimeBundle = (): string => SHADER_RUNTIME.code();
