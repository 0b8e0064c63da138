// A seeded feed library (published, rendered shaders with 512-d style vectors, votes-derived
// scores, a user with 200 recent views) for bench/feed.ts and bench/feed-load.ts. Building 100k
// rows takes a while, so the database is cached under bench/results/fixtures/ (git-ignored) and
// copied into a fresh data dir per use.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { closeCore, createCore } from '../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../electron/host/data-dir.js';
import type { CoreContext } from '../electron/host/host-context.js';
import { createLogger } from '../electron/host/logger.js';
import { shaderServices } from '../electron/host/shaders/services.js';
import { STYLE_DIMS } from '../electron/host/shaders/style-vector.js';
import { putVector } from '../electron/host/shaders/vectors.js';

/** Bump when populate() changes, so stale cached fixtures are not reused. */
const FIXTURE_VERSION = 3;

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 24 style "families" per library, so vector search has structure to find. */
export function centres(rand: () => number): Float32Array[] {
  return Array.from({ length: 24 }, () => Float32Array.from({ length: STYLE_DIMS }, () => rand() - 0.5));
}

/** A unit vector near one of the families. */
export function familyVector(rand: () => number, cs: Float32Array[]): Float32Array {
  const c = cs[Math.floor(rand() * cs.length)]!;
  const v = new Float32Array(STYLE_DIMS);
  let n = 0;
  for (let i = 0; i < STYLE_DIMS; i++) {
    v[i] = c[i]! + (rand() - 0.5) * 0.6;
    n += v[i]! * v[i]!;
  }
  n = Math.sqrt(n);
  for (let i = 0; i < STYLE_DIMS; i++) v[i] = v[i]! / n;
  return v;
}

function populate(core: CoreContext, count: number): void {
  const rand = rng(20261121 + count);
  const cs = centres(rand);
  const sqlite = core.database.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO shaders (id, author_id, title, description, glsl_code, source, tags, status, is_public, render_status, upvotes, downvotes, score, wilson_score, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'published', 1, 'ready', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = Date.now();
  const code = 'void mainImage(out vec4 c, in vec2 p) { vec2 uv = p / iResolution.xy; c = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0); }';
  const source = JSON.stringify({ common: '', buffers: [], image: { code, channels: [] } });
  const ids: string[] = [];
  for (let start = 0; start < count; start += 5000) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(count, start + 5000); i++) {
        const id = `bench-${i.toString(36).padStart(6, '0')}-${Math.floor(rand() * 1e9).toString(36)}`;
        const up = Math.floor(rand() * 20);
        const down = Math.floor(rand() * 5);
        const t = now - Math.floor(rand() * 60 * 24 * 3600_000);
        insert.run(id, core.ownerUserId, `Shader ${i}`, 'bench', code, source, '["bench"]', up, down, rand() * 0.6, rand() * 0.8, t, t, t);
        putVector(sqlite, 'vec_shader_style', id, familyVector(rand, cs));
        ids.push(id);
      }
    })();
  }
  const taste = familyVector(rand, cs);
  sqlite.prepare('INSERT INTO vec_user_taste(id, embedding) VALUES (?, ?)').run(core.ownerUserId, Buffer.from(taste.buffer));
  const ev = sqlite.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs, created_at) VALUES (?, ?, ?, 'dwell', 12, ?)`);
  sqlite.transaction(() => {
    for (let i = 0; i < 200; i++) ev.run(`bench-ev-${i}`, core.ownerUserId, ids[Math.floor(rand() * ids.length)]!, now - i * 60_000);
  })();
  sqlite.exec('ANALYZE');
}

const here = dirname(fileURLToPath(import.meta.url));
/** bench/results/fixtures, from bench/ or dist/bench/. */
function fixturesDir(): string {
  const root = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');
  return join(root, 'bench', 'results', 'fixtures');
}

function openCore(home: string): CoreContext {
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  return createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
}

/** A fresh data dir (its path) holding a copy of the `count`-shader library. */
export async function feedHome(count: number): Promise<string> {
  const cached = join(fixturesDir(), `feed-${count}-v${FIXTURE_VERSION}.db`);
  if (!existsSync(cached)) {
    const t0 = performance.now();
    const home = mkdtempSync(join(tmpdir(), 'auteur-bench-fixture-'));
    const core = openCore(home);
    await core.runner.stop();
    try {
      populate(core, count);
      // As a running host leaves it: decayed hot scores refreshed, change log applied and pruned.
      shaderServices(core).feed.personal(core.ownerUserId, undefined, 20);
      core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await closeCore(core);
    }
    mkdirSync(fixturesDir(), { recursive: true });
    copyFileSync(resolveDataDir(home).dbPath, `${cached}.tmp`);
    renameSync(`${cached}.tmp`, cached);
    rmSync(home, { recursive: true, force: true });
    process.stderr.write(`bench: feed library of ${count} shaders built and cached (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-feed-'));
  ensureDataDir(resolveDataDir(home));
  copyFileSync(cached, resolveDataDir(home).dbPath);
  return home;
}

/** Opens a core on a fixture home, with the job runner stopped. */
export async function openFeedCore(home: string): Promise<CoreContext> {
  const core = openCore(home);
  await core.runner.stop();
  return core;
}
