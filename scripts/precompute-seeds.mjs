#!/usr/bin/env node
// `npm run seeds:precompute`: renders each shipped seed shader (resources/shaders/seed) with the
// studio's own headless renderer (renderShader from dist/, so build first) and writes
// resources/shaders/precomputed: a WebP thumbnail and the frame statistics per seed, plus the
// hash of the source it was rendered from. First launch ingests these instead of rendering, so
// the feed is full at once on any machine. Commit the result.
//
//   node scripts/precompute-seeds.mjs            render the seeds whose asset is missing or stale
//   node scripts/precompute-seeds.mjs --all      render every seed again
//   node scripts/precompute-seeds.mjs --only a,b render these slugs
//   node scripts/precompute-seeds.mjs --check    render nothing; list missing/stale assets, exit 1 if any
//   --out DIR                                    write there instead (e.g. to try the renderer)
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

// Same frame size and timing as a normal render (stats comparable with renders made here),
// fewer frames per second: the stats sample 8 frames over the 4 s either way.
const PARAMS = { width: 640, height: 360, fps: Number(value('--fps') ?? 10), seconds: 4, thumbnailTime: 2 };
// Generous: this runs once, offline, possibly on a slow machine; only a broken shader fails.
const BUDGET = { compileMs: 120_000, firstFrameMs: 120_000, frameMs: 60_000, totalMs: 900_000, softFrameMs: 500 };
const WEBP_QUALITY = 72;

let lib, assetsMod;
try {
  lib = await dist('worker/generate/seed-library.js');
  assetsMod = await dist('worker/generate/seed-assets.js');
} catch (err) {
  process.stderr.write(`precompute: dist/ is missing or old (${err.message}); run \`node scripts/build.mjs\` first\n`);
  process.exit(2);
}
const seeds = lib.loadSeedLibrary();
const outDir = value('--out') ?? join(root, 'resources', 'shaders', 'precomputed');
mkdirSync(outDir, { recursive: true });
const existing = assetsMod.loadSeedAssets(outDir);

const only = value('--only')?.split(',').map((s) => s.trim());
const lookups = seeds.map((seed) => ({ seed, lookup: assetsMod.seedAssetFor(seed, existing) }));
const todo = lookups.filter(({ seed, lookup }) => (only ? only.includes(seed.slug) : flag('--all') || lookup.state !== 'fresh'));
for (const { seed, lookup } of lookups) if (lookup.state !== 'fresh') process.stderr.write(`precompute: ${seed.slug}: ${lookup.state}: ${lookup.reason}\n`);
const unknown = (only ?? []).filter((s) => !seeds.some((x) => x.slug === s));
if (unknown.length) {
  process.stderr.write(`precompute: no seed named ${unknown.join(', ')}\n`);
  process.exit(2);
}
if (flag('--check')) {
  const bad = lookups.filter((l) => l.lookup.state !== 'fresh').length;
  process.stdout.write(`${seeds.length - bad} of ${seeds.length} seeds have a fresh precomputed render${bad ? `; ${bad} would render on first launch` : ''}\n`);
  process.exit(bad ? 1 : 0);
}
if (todo.length === 0) {
  process.stdout.write(`All ${seeds.length} seeds have a fresh precomputed render (use --all to render them again).\n`);
  process.exit(0);
}

const { renderShader } = await dist('worker/render/shader-renderer.js');
const { RenderBrowser } = await dist('worker/render/browser.js');
const sharp = (await import('sharp')).default;
const browser = new RenderBrowser({});
const manifest = existing?.manifest ?? { version: 1, generatedAt: '', renderer: { provider: '', gl: null }, params: PARAMS, seeds: {} };
const failed = [];
const work = mkdtempSync(join(tmpdir(), 'auteur-precompute-'));
const t0 = Date.now();
try {
  for (const [i, { seed }] of todo.entries()) {
    const dir = join(work, seed.slug);
    mkdirSync(dir, { recursive: true });
    const started = Date.now();
    // degrade: false — the shipped render is the full request, never a cheaper tier picked because this machine was busy.
    const out = await renderShader({ source: seed.source, ...PARAMS, preview: 'none' }, { workDir: dir, budget: BUDGET, browser, degrade: false });
    const tag = `[${i + 1}/${todo.length}] ${seed.slug}`;
    if (!out.ok || !out.stats || !out.thumbnail?.path) {
      failed.push(seed.slug);
      process.stderr.write(`precompute: ${tag} FAILED: ${out.failure ? `${out.failure.code}: ${out.failure.message}` : 'no thumbnail or stats'}\n`);
      continue;
    }
    const thumbnail = `${seed.slug}.webp`;
    await sharp(out.thumbnail.path).webp({ quality: WEBP_QUALITY }).toFile(join(outDir, thumbnail));
    manifest.seeds[seed.slug] = {
      title: seed.title,
      sourceHash: seed.sourceHash,
      thumbnail,
      thumbnailMime: 'image/webp',
      width: out.thumbnail.width,
      height: out.thumbnail.height,
      frames: out.frames,
      frameTimeMs: out.frameTimeMs,
      stats: out.stats,
      validity: out.validity,
      diagnostics: out.diagnostics,
      renderMs: out.renderer.ms,
    };
    manifest.renderer = { provider: out.renderer.provider, gl: out.renderer.gl };
    process.stderr.write(`precompute: ${tag} ok (${out.frames} frames, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

// Drop entries (and files) of seeds that no longer exist.
const slugs = new Set(seeds.map((s) => s.slug));
for (const slug of Object.keys(manifest.seeds)) if (!slugs.has(slug)) delete manifest.seeds[slug];
const keep = new Set([assetsMod.MANIFEST_FILE, ...Object.values(manifest.seeds).map((a) => a.thumbnail)]);
for (const f of readdirSync(outDir)) if (!keep.has(f)) rmSync(join(outDir, f), { force: true });
manifest.generatedAt = new Date().toISOString();
manifest.params = PARAMS;
const sorted = Object.fromEntries(Object.entries(manifest.seeds).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(outDir, assetsMod.MANIFEST_FILE), `${JSON.stringify({ ...manifest, seeds: sorted }, null, 2)}\n`);
process.stdout.write(`Rendered ${todo.length - failed.length} of ${todo.length} seeds in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${outDir}${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}\n`);
process.exit(failed.length ? 1 : 0);
