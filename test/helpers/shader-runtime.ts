import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeBundlePath } from '../../worker/render/runtime-bundle.js';
import { ROOT } from './host-process.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The renderer tests drive dist/shader-runtime/runtime.iife.js: refuse to test a missing or stale one. */
export function assertRuntimeBuilt(): void {
  const bundle = runtimeBundlePath();
  const sources = Math.max(newest(join(ROOT, 'renderer', 'shader-runtime')), newest(join(ROOT, 'shared', 'shaders')));
  if (statSync(bundle).mtimeMs < sources) throw new Error(`${bundle} is older than its sources: run \`node scripts/build.mjs\` first`);
}
