#!/usr/bin/env node
// Builds what is out of date, printing each step: the host/worker/shell/bench (esbuild: each .ts
// transpiled to dist/ with the same folder layout, ESM + sourcemaps; no type-check here, that is
// `tsc -p tsconfig.json` in `npm test`), the renderer (vite → dist/renderer) and the headless
// shader runtime (vite → dist/shader-runtime). `--force` rebuilds everything. Used by `npm start`,
// `npm run auteur`, `npm run bench` and `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const force = process.argv.includes('--force');
const SERVER_DIRS = ['shared', 'worker', 'rooms', 'electron', 'bench'];
const log = (line) => process.stderr.write(`build: ${line}\n`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function walk(dir, visit) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else visit(p);
  }
}
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const abs = join(root, p);
    if (existsSync(abs) && statSync(abs).isFile()) t = Math.max(t, statSync(abs).mtimeMs);
    else walk(abs, (f) => (t = Math.max(t, statSync(f).mtimeMs)));
  }
  return t;
}
const mtime = (p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : 0);

/** Runs a child build, passing its output through; a failure stops the build with its exit code. */
function run(cmd, args, label) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    log(`${label}…`);
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (code !== 0) {
        log(`${label} failed (${signal ?? `exit ${code}`})`);
        process.exit(code ?? 1);
      }
      log(`${label} done (${secs(t0)})`);
      resolve();
    });
  });
}

/** Host, worker, shell and bench: transpile only (isolatedModules + verbatimModuleSyntax make that safe). */
async function buildServer() {
  const t0 = Date.now();
  const files = [];
  // .cts (the Electron preload: sandboxed preloads must be CommonJS) → .cjs, like tsc.
  const cjs = [];
  for (const d of SERVER_DIRS) walk(join(root, d), (f) => (f.endsWith('.cts') ? cjs.push(f) : f.endsWith('.ts') && !f.endsWith('.d.ts') && files.push(f)));
  log(`host, worker, shell and bench: ${files.length + cjs.length} files (esbuild)…`);
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    log('esbuild is not installed: run `npm install` (it is a devDependency)');
    process.exit(1);
  }
  const common = { outdir: join(root, 'dist'), outbase: root, bundle: false, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'silent', tsconfig: join(root, 'tsconfig.build.json') };
  try {
    const results = await Promise.all([
      esbuild.build({ ...common, entryPoints: files, format: 'esm' }),
      cjs.length ? esbuild.build({ ...common, entryPoints: cjs, format: 'cjs', outExtension: { '.js': '.cjs' } }) : { warnings: [] },
    ]);
    for (const w of results.flatMap((r) => r.warnings)) log(`warning: ${w.text} (${w.location?.file ?? ''}:${w.location?.line ?? ''})`);
    removeStale();
  } catch (err) {
    for (const e of err.errors ?? []) log(`error: ${e.location ? `${relative(root, join(root, e.location.file))}:${e.location.line}: ` : ''}${e.text}`);
    log('host, worker, shell and bench failed');
    process.exit(1);
  }
  log(`host, worker, shell and bench done (${secs(t0)})`);
}

/**
 * Outputs whose source was deleted would still import; remove them (in place rather than
 * emptying dist/ first, so a test or host running from dist/ meanwhile keeps working).
 */
function removeStale() {
  for (const d of SERVER_DIRS) {
    walk(join(root, 'dist', d), (f) => {
      const m = /^(.*)\.(c?)js(\.map)?$/.exec(relative(join(root, 'dist'), f));
      if (m && !existsSync(join(root, `${m[1]}.${m[2]}ts`))) rmSync(f, { force: true });
    });
  }
}

const t0 = Date.now();
const node = process.execPath;
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const serverStamp = 'dist/.server-build';
let built = 0;
if (force || newest([...SERVER_DIRS, 'tsconfig.base.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs']) > mtime(serverStamp)) {
  await buildServer();
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, serverStamp), new Date().toISOString());
  built++;
} else log('host, worker, shell and bench up to date');
if (force || newest(['renderer', 'shared', 'vite.config.ts', 'package.json']) > mtime('dist/renderer/index.html')) {
  await run(node, [vite, 'build', '--logLevel', 'warn'], 'renderer (vite)');
  built++;
} else log('renderer up to date');
if (force || newest(['renderer/shader-runtime', 'shared/shaders', 'vite.runtime.config.ts', 'package.json']) > mtime('dist/shader-runtime/runtime.iife.js')) {
  await run(node, [vite, 'build', '-c', 'vite.runtime.config.ts', '--logLevel', 'warn'], 'shader runtime for the headless renderer (vite)');
  built++;
} else log('shader runtime up to date');
if (force || newest(['renderer/world-runtime', 'vite.world-runtime.config.ts', 'package.json']) > mtime('dist/world-runtime/world.iife.js')) {
  await run(node, [vite, 'build', '-c', 'vite.world-runtime.config.ts', '--logLevel', 'warn'], 'world snapshot runtime for the headless renderer (vite)');
  built++;
} else log('world snapshot runtime up to date');
if (force || newest(['renderer/studios/video/party', 'shared/video/party', 'shared/schemas/video-party.ts', 'vite.party-guest.config.ts', 'package.json']) > mtime('dist/party-guest/guest.js')) {
  await run(node, [vite, 'build', '-c', 'vite.party-guest.config.ts', '--logLevel', 'warn'], 'watch-party guest page (vite)');
  built++;
} else log('watch-party guest page up to date');
if (built) log(`ready (${secs(t0)})`);
