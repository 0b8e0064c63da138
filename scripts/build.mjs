#!/usr/bin/env node
// Builds what is out of date: the host/worker/shell (tsc → dist/) and the renderer (vite → dist/renderer).
// `--force` rebuilds everything. Used by `npm start`, `npm run auteur` and `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const force = process.argv.includes('--force');

function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') walk(join(p, e));
    } else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return t;
}
const mtime = (p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : 0);

function run(cmd, args, label) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(r.status ?? 1);
  }
  process.stderr.write(`build: ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

const serverStamp = 'dist/.server-build';
if (force || newest(['shared', 'worker', 'electron', 'bench', 'drizzle', 'tsconfig.base.json', 'tsconfig.build.json', 'package.json']) > mtime(serverStamp)) {
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], 'host, worker and shell');
  writeFileSync(join(root, serverStamp), new Date().toISOString());
}
if (force || newest(['renderer', 'shared', 'vite.config.ts', 'package.json']) > mtime('dist/renderer/index.html')) {
  run(process.execPath, [vite, 'build', '--logLevel', 'warn'], 'renderer');
}
if (force || newest(['renderer/shader-runtime', 'shared/shaders', 'vite.runtime.config.ts', 'package.json']) > mtime('dist/shader-runtime/runtime.iife.js')) {
  run(process.execPath, [vite, 'build', '-c', 'vite.runtime.config.ts', '--logLevel', 'warn'], 'shader runtime (headless page)');
}
