// Feed benchmarks: one personalised feed page (sqlite-vec KNN of the taste vector over every
// style vector, candidate scoring, card mapping) at 10k and 100k shaders, against a plain
// `SELECT … ORDER BY score DESC LIMIT 20` on the same database in the same process, and against
// the KNN scan alone (the floor of any vector-ranked page). Shaders and vectors are random but
// seeded, so every run measures the same library.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, createCore } from '../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../electron/host/data-dir.js';
import type { CoreContext } from '../electron/host/host-context.js';
import { createLogger } from '../electron/host/logger.js';
import { shaderServices } from '../electron/host/shaders/services.js';
import { STYLE_DIMS } from '../electron/host/shaders/style-vector.js';
import { KNN_CANDIDATES } from '../electron/host/shaders/feed.js';
import { getVector, knn, putVector } from '../electron/host/shaders/vectors.js';
import { row, type BenchRow } from './table.js';

const PAGE = 20;
const SIZES = [
  { shaders: 10_000, runs: 15, warmups: 2 },
  { shaders: 100_000, runs: 7, warmups: 1 },
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit vector near one of 24 style "families", so KNN has structure to find. */
function vector(rand: () => number, centres: Float32Array[]): Float32Array {
  const c = centres[Math.floor(rand() * centres.length)]!;
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

/** Inserts `count` published, rendered shaders with style vectors, votes-derived scores and a user with a taste and history. */
function populate(core: CoreContext, count: number): void {
  const rand = rng(20261121 + count);
  const centres = Array.from({ length: 24 }, () => Float32Array.from({ length: STYLE_DIMS }, () => rand() - 0.5));
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
        putVector(sqlite, 'vec_shader_style', id, vector(rand, centres));
        ids.push(id);
      }
    })();
  }
  // A user with a taste and 200 recent engagements to exclude.
  putVector(sqlite, 'vec_user_taste', core.ownerUserId, vector(rand, centres));
  const ev = sqlite.prepare(`INSERT INTO engagement_events (id, user_id, shader_id, event_type, dwell_secs, created_at) VALUES (?, ?, ?, 'dwell', 12, ?)`);
  sqlite.transaction(() => {
    for (let i = 0; i < 200; i++) ev.run(`bench-ev-${i}`, core.ownerUserId, ids[Math.floor(rand() * ids.length)]!, now - i * 60_000);
  })();
  sqlite.exec('ANALYZE');
}

async function measure(size: { shaders: number; runs: number; warmups: number }): Promise<FeedMeasured[]> {
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-feed-'));
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  const core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop();
  try {
    const t0 = performance.now();
    populate(core, size.shaders);
    process.stderr.write(`bench: feed library of ${size.shaders} shaders ready (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    const svc = shaderServices(core);
    const baselineStmt = core.database.sqlite.prepare(
      `SELECT id, title, score FROM shaders WHERE status = 'published' AND is_public = 1 AND render_status = 'ready' ORDER BY score DESC LIMIT ${PAGE}`,
    );
    const feedPage = () => {
      const s = performance.now();
      const page = svc.feed.personal(core.ownerUserId, undefined, PAGE);
      if (page.items.length !== PAGE) throw new Error(`bench: the feed returned ${page.items.length} cards`);
      return performance.now() - s;
    };
    const baseline = () => {
      const s = performance.now();
      if (baselineStmt.all().length !== PAGE) throw new Error('bench: baseline returned too few rows');
      return performance.now() - s;
    };
    // Second reference: the vector scan alone, the floor of any taste-ranked page.
    const taste = getVector(core.database.sqlite, 'vec_user_taste', core.ownerUserId)!;
    const scan = () => {
      const s = performance.now();
      knn(core.database.sqlite, 'vec_shader_style', taste, KNN_CANDIDATES);
      return performance.now() - s;
    };
    for (let i = 0; i < size.warmups; i++) {
      baseline();
      scan();
      feedPage();
    }
    const samples: number[] = [];
    const base: number[] = [];
    const knnOnly: number[] = [];
    for (let i = 0; i < size.runs; i++) {
      base.push(baseline());
      knnOnly.push(scan());
      samples.push(feedPage());
    }
    const k = `${size.shaders / 1000}k`;
    return [
      { row: row(`feed page (20 cards), ${k} shaders, vs ORDER BY score`, samples, base), samplesMs: samples, baselineMs: base, baselineDescription: FEED_BASELINES.score },
      { row: row(`feed page (20 cards), ${k} shaders, vs KNN alone`, samples, knnOnly), samplesMs: samples, baselineMs: knnOnly, baselineDescription: FEED_BASELINES.knn },
    ];
  } finally {
    await closeCore(core);
    rmSync(home, { recursive: true, force: true });
  }
}

/** A row with its raw samples, in the shape bench/run.ts records in latest.json. */
export interface FeedMeasured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

/** Personalised feed page latency at 10k and 100k shaders, each against both references. */
export async function benchFeedMeasured(): Promise<FeedMeasured[]> {
  const out: FeedMeasured[] = [];
  for (const size of SIZES) out.push(...(await measure(size)));
  return out;
}

export async function benchFeed(): Promise<BenchRow[]> {
  return (await benchFeedMeasured()).map((m) => m.row);
}

const FEED_BASELINES = {
  score: '`SELECT id, title, score … ORDER BY score DESC LIMIT 20` on the same database, same process',
  knn: `sqlite-vec KNN of the taste vector (k = ${KNN_CANDIDATES}) alone on the same database, same process`,
};
