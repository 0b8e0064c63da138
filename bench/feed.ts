// Feed benchmarks: one personalised feed page (feed index ranking of the whole library with the
// seed §8 formula, exact re-rank, session, exclusions, card mapping) at 10k and 100k shaders ×
// 512-d, against the exact brute-force ranking in the same process: the same formula, the same
// exclusions and exploration draws, with the float cosine of EVERY eligible shader (vectors
// preloaded in memory, so the baseline pays no database reads). recall@20 compares each served
// page with the brute-force top 20 for that page. `node dist/bench/feed.js [10000 …]` runs it alone.
import { rmSync } from 'node:fs';
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { closeCore } from '../electron/host/core.js';
import { FEED_WEIGHTS, feedScore } from '../electron/host/shaders/ranking.js';
import { SEEN_WINDOW_MS, FeedCandidates } from '../electron/host/shaders/feed-candidates.js';
import { parseFeedCursor } from '../electron/host/shaders/feed-session.js';
import { shaderServices } from '../electron/host/shaders/services.js';
import { cosine } from '../electron/host/shaders/text-hash.js';
import { exploration, idHash, pageKeyHash } from '../electron/host/shaders/vector-codes.js';
import { putVector, toFloat32 } from '../electron/host/shaders/vectors.js';
import { centres, familyVector, feedHome, openFeedCore, rng } from './feed-fixture.js';
import { percentile, printTable, row, type BenchRow } from './table.js';

const PAGE = 20;
const SIZES = [
  { shaders: 10_000, runs: 40, warmups: 3 },
  { shaders: 100_000, runs: 20, warmups: 2 },
];

interface Library {
  ids: string[];
  hashes: Uint32Array;
  hot: Float64Array;
  vectors: Float32Array[];
}

/** Every eligible shader with its float vector, held in memory for the brute-force baseline. */
function loadLibrary(sqlite: import('better-sqlite3').Database): Library {
  const rows = sqlite
    .prepare(
      `SELECT s.id AS id, s.score AS score, v.embedding AS embedding FROM vec_shader_style v JOIN shaders s ON s.id = v.id
       WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'`,
    )
    .all() as { id: string; score: number; embedding: Buffer }[];
  return {
    ids: rows.map((r) => r.id),
    hashes: Uint32Array.from(rows, (r) => idHash(r.id)),
    hot: Float64Array.from(rows, (r) => r.score),
    vectors: rows.map((r) => toFloat32(r.embedding)),
  };
}

/** The exact top `limit` of the feed formula over the whole library. */
function bruteForce(lib: Library, taste: Float32Array, exclude: ReadonlySet<string>, pageHash: number, limit: number): string[] {
  const best: { id: string; total: number }[] = [];
  for (let i = 0; i < lib.ids.length; i++) {
    const id = lib.ids[i]!;
    if (exclude.has(id)) continue;
    const total = feedScore(cosine(taste, lib.vectors[i]!), lib.hot[i]!, exploration(pageHash, lib.hashes[i]!));
    if (best.length === limit && total <= best[limit - 1]!.total) continue;
    let j = best.length < limit ? best.length : limit - 1;
    while (j > 0 && best[j - 1]!.total < total) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = { id, total };
  }
  return best.map((b) => b.id);
}

export interface FeedMeasured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

async function measure(size: { shaders: number; runs: number; warmups: number }): Promise<FeedMeasured[]> {
  const home = await feedHome(size.shaders);
  const core = await openFeedCore(home);
  try {
    const sqlite = core.database.sqlite;
    const svc = shaderServices(core);
    const candidates = new FeedCandidates(sqlite);
    const rand = rng(7 + size.shaders);
    const cs = centres(rng(20261121 + size.shaders)); // the fixture's families
    const me = core.ownerUserId;

    const t0 = performance.now();
    svc.feed.personal(me, undefined, PAGE); // builds the in-memory index
    const buildMs = performance.now() - t0;
    const lib = loadLibrary(sqlite); // after the first page, which refreshed decayed hot scores

    // GC pauses that fell inside a page: on a busy heap a young-generation pause inside a page is
    // what sets its p95, so the row says how many pages one hit and the longest.
    const gcs: PerformanceEntry[] = [];
    const gcObserver = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
    gcObserver.observe({ entryTypes: ['gc'] });
    const pages: [number, number][] = [];
    const samples: number[] = [];
    const base: number[] = [];
    const recalls: number[] = [];
    // CPU time of the page (this thread): what the wall time is on a quiet machine; on a shared
    // one the wall time also counts waiting for a core.
    const cpu: number[] = [];
    for (let i = 0; i < size.warmups + size.runs; i++) {
      // Each run a different taste (a different family, most runs), as a different user would have.
      const taste = familyVector(rand, cs);
      putVector(sqlite, 'vec_user_taste', me, taste);
      const s = performance.now();
      const c0 = process.cpuUsage();
      const page = svc.feed.personal(me, undefined, PAGE);
      const pageMs = performance.now() - s;
      const c = process.cpuUsage(c0);
      if (page.items.length !== PAGE || page.mode !== 'personal') throw new Error(`bench: the feed returned ${page.items.length} cards (${page.mode})`);
      const session = sqlite.prepare('SELECT seed FROM feed_sessions WHERE id = ?').get(parseFeedCursor(page.nextCursor!).sessionId) as { seed: number };
      const b = performance.now();
      const exclude = new Set(candidates.seen(me, Date.now() - SEEN_WINDOW_MS).keys());
      const exact = bruteForce(lib, taste, exclude, pageKeyHash(`${session.seed}:0`), PAGE);
      const bruteMs = performance.now() - b;
      if (i < size.warmups) continue;
      pages.push([s, s + pageMs]);
      samples.push(pageMs);
      cpu.push((c.user + c.system) / 1000);
      base.push(bruteMs);
      const served = new Set(page.items.map((c) => c.id));
      recalls.push(exact.filter((id) => served.has(id)).length / PAGE);
    }
    await new Promise((r) => setTimeout(r, 50)); // observer callbacks arrive after a timer turn
    gcObserver.disconnect();
    const inPage = gcs.filter((g) => pages.some(([a, b]) => g.startTime < b && g.startTime + g.duration > a));
    const gcNote = `${gcs.length} GC pauses while measuring, in ${new Set(inPage.map((g) => pages.findIndex(([a, b]) => g.startTime < b && g.startTime + g.duration > a))).size}/${pages.length} pages (max ${Math.max(0, ...inPage.map((g) => g.duration)).toFixed(1)} ms)`;
    const recall = recalls.reduce((a, r) => a + r, 0) / recalls.length;
    const k = `${size.shaders / 1000}k`;
    const label = `feed page (20 cards), ${k} shaders × 512-d, vs exact brute force (p95 ${percentile(samples, 95).toFixed(1)} ms, CPU p95 ${percentile(cpu, 95).toFixed(1)} ms, recall@20 ${recall.toFixed(3)}, ${gcNote})`;
    return [
      { row: row(label, samples, base), samplesMs: samples, baselineMs: base, baselineDescription: FEED_BASELINE },
      { row: row(`feed index build on first page, ${k} shaders`, [buildMs]), samplesMs: [buildMs], baselineMs: [], baselineDescription: 'none: one-off cost of the first feed query after start' },
    ];
  } finally {
    await closeCore(core);
    rmSync(home, { recursive: true, force: true });
  }
}

/** Personalised feed page latency and recall at 10k and 100k shaders (or the sizes given). */
export async function benchFeedMeasured(sizes: number[] = SIZES.map((s) => s.shaders)): Promise<FeedMeasured[]> {
  const out: FeedMeasured[] = [];
  for (const size of SIZES.filter((s) => sizes.includes(s.shaders))) {
    process.stderr.write(`bench: feed page at ${size.shaders} shaders (${size.runs} runs + ${size.warmups} warm-up)…\n`);
    out.push(...(await measure(size)));
  }
  return out;
}

export async function benchFeed(): Promise<BenchRow[]> {
  return (await benchFeedMeasured()).map((m) => m.row);
}

const FEED_BASELINE = `exact brute force in the same process: seed §8 formula (${FEED_WEIGHTS.similarity}/${FEED_WEIGHTS.hot}/${FEED_WEIGHTS.exploration}) with the float cosine of every eligible shader, vectors preloaded in memory`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  benchFeedMeasured(sizes.length ? sizes : undefined)
    .then((m) => printTable(m.map((x) => x.row)))
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
