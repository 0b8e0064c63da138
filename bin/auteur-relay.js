#!/usr/bin/env node
// Starts the community relay (relay/main.ts). The relay is bundled by esbuild into
// dist/relay/main.js (npm packages stay external) when that is missing or older than relay/ or
// shared/, so `node bin/auteur-relay.js` is the one command to run it (`--build`: build only). Configuration: env vars,
// see docs/relay.md.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'relay', 'main.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'drizzle') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(out) || Math.max(newest(join(root, 'relay')), newest(join(root, 'shared')), newest(join(root, 'rooms'))) > statSync(out).mtimeMs;
if (stale) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('relay: esbuild is needed to build the relay (it is a devDependency): run `npm install`\n');
    process.exit(1);
  }
  await esbuild.build({
    entryPoints: [join(root, 'relay', 'main.ts')],
    outfile: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
// `--build` only builds (tests build once before starting several relay processes).
if (!process.argv.includes('--build')) await import(out);
