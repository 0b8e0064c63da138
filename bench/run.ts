// `npm run bench`: cold-start benchmarks of `auteur serve`, each against a bare-Node baseline
// measured in the same run. Prints an aligned table and writes bench/results/latest.json.
// Only node built-ins and playwright-core here: the host is driven as a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { printTable, row, summarize, type BenchRow, type Summary } from './table.js';
import { benchFeedMeasured } from './feed.js';
import { benchShaders } from './shaders.js';
import { benchShots } from './shots.js';
import { benchWorld } from './world.js';
import { locateChromium, OFFLINE_CHROMIUM_FLAGS, sandboxFlags } from '../worker/tools/binaries.js';

const RUNS = 5;
const WARMUPS = 1;

/**
 * BENCH_ONLY=start,feed runs only those groups (all by default): cold (host → /health, app
 * shell), start (URL line, first living card), feed, feed-load, generate, media, mcp, shaders, shots, world, world-ui, relay, world-room.
 */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const runs = (group: string): boolean => !ONLY || ONLY.has(group);

/** The checkout: the first folder above this file (bench/ or dist/bench/) holding bin/auteur.js. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bin', 'auteur.js'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
const ROOT = findRoot();
const BIN = join(ROOT, 'bin', 'auteur.js');

// ---------------------------------------------------------------------------------------------
// Child processes

interface Child {
  proc: ChildProcess;
  /** Resolves with the first http://127.0.0.1:PORT… URL the child prints. */
  url: Promise<string>;
  stop(): Promise<void>;
}

function startChild(args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s from node ${args.join(' ')}\n${err}`)), 30_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${args.join(' ')} exited with ${code} before printing a URL\n${err}`));
    });
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
  });
  url.catch(() => undefined);
  return {
    proc,
    url,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** `auteur serve --port 0` on a fresh data dir (a first launch: the seed library goes in). */
function startStudio(): { child: Child; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-'));
  const env = { ...process.env };
  delete env.AUTEUR_HOME;
  return { child: startChild([BIN, 'serve', '--port', '0', '--home', home], env), home };
}

const BARE_HTTP = `require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})`;

const STATIC_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title>' +
  '<style>body{margin:0;font:16px system-ui,sans-serif;background:#0b1114;color:#e6edf0}main{padding:2rem}</style></head>' +
  '<body><main data-testid="page-shaders"><h1>Shaders</h1><p>A static page.</p></main></body></html>';
const BARE_STATIC = `const h=${JSON.stringify(STATIC_PAGE)};require('http').createServer((q,s)=>{s.setHeader('content-type','text/html; charset=utf-8');s.end(h)}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})`;

function startBare(script: string): Child {
  return startChild(['-e', script]);
}

// ---------------------------------------------------------------------------------------------
// Probes

/** One GET with a fresh connection; resolves with the status code. */
function get(url: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(url, { method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function until200(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      if ((await get(url)) === 200) return;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const origin = (url: string): string => new URL(url).origin;

// ---------------------------------------------------------------------------------------------
// Measurements (each returns milliseconds from spawn)

async function studioToHealth(): Promise<number> {
  const t0 = performance.now();
  const { child, home } = startStudio();
  try {
    await until200(`${origin(await child.url)}/api/v1/health`);
    return performance.now() - t0;
  } finally {
    await child.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function bareToFirst200(): Promise<number> {
  const t0 = performance.now();
  const child = startBare(BARE_HTTP);
  try {
    await until200(await child.url);
    return performance.now() - t0;
  } finally {
    await child.stop();
  }
}

/** Spawn → goto(url) in a fresh context → [data-testid=page-shaders] visible → next frame. */
async function toPainted(browser: Browser, start: () => { child: Child; cleanup(): void }): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const t0 = performance.now();
  const { child, cleanup } = start();
  try {
    await page.goto(await child.url, { waitUntil: 'commit' });
    await page.locator('[data-testid="page-shaders"]').waitFor({ state: 'visible', timeout: 30_000 });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
    return performance.now() - t0;
  } finally {
    await context.close();
    await child.stop();
    cleanup();
  }
}

/** Spawn → the URL line on stdout (what a user waits for after `npm start`'s build). */
async function studioToUrlLine(): Promise<number> {
  const t0 = performance.now();
  const { child, home } = startStudio();
  try {
    await child.url;
    return performance.now() - t0;
  } finally {
    await child.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function bareToUrlLine(): Promise<number> {
  const t0 = performance.now();
  const child = startBare(BARE_HTTP);
  try {
    await child.url;
    return performance.now() - t0;
  } finally {
    await child.stop();
  }
}

/**
 * Spawn on a fresh data dir → goto(url) → the first feed card's canvas drew a frame in the
 * page's WebGL (ShaderCanvas sets data-drawn): a populated, living feed on first launch.
 */
async function studioToLivingCard(browser: Browser): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const t0 = performance.now();
  const { child, home } = startStudio();
  try {
    await page.goto(await child.url, { waitUntil: 'commit' });
    await page.locator('[data-testid="feed-card"][data-index="0"] canvas[data-drawn="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    return performance.now() - t0;
  } finally {
    await context.close();
    await child.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

const studioToShell = (browser: Browser): Promise<number> =>
  toPainted(browser, () => {
    const { child, home } = startStudio();
    return { child, cleanup: () => rmSync(home, { recursive: true, force: true }) };
  });

const bareToStaticPage = (browser: Browser): Promise<number> =>
  toPainted(browser, () => ({ child: startBare(BARE_STATIC), cleanup: () => undefined }));

/** Warm-ups, then RUNS interleaved measurements of subject and baseline (so drift hits both). */
async function pair(subject: () => Promise<number>, baseline: () => Promise<number>): Promise<{ samples: number[]; baseline: number[] }> {
  for (let i = 0; i < WARMUPS; i++) {
    await baseline();
    await subject();
  }
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await baseline());
    samples.push(await subject());
  }
  return { samples, baseline: base };
}

function launchBrowser(): Promise<Browser> {
  const executablePath = locateChromium().path ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, headless: true, args: [...sandboxFlags(), ...OFFLINE_CHROMIUM_FLAGS] });
}

// ---------------------------------------------------------------------------------------------

const round = (v: number): number => Math.round(v * 10) / 10;
const roundAll = (s: Summary): Summary => ({ runs: s.runs, median: round(s.median), p90: round(s.p90), min: round(s.min), max: round(s.max) });

interface Measured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli.js'))) {
    process.stderr.write('bench: the studio is not built; run `npm run bench` (it builds first).\n');
    process.exit(1);
  }
  const started = performance.now();
  const measured: Measured[] = [];

  if (runs('cold')) {
    process.stderr.write(`bench: host cold start → /api/v1/health 200 (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
    const a = await pair(studioToHealth, bareToFirst200);
    measured.push({
      row: row('host cold start → /health 200', a.samples, a.baseline),
      samplesMs: a.samples,
      baselineMs: a.baseline,
      baselineDescription: 'bare `node -e` http.createServer: spawn → first 200',
    });
  }
  if (runs('start')) {
    process.stderr.write(`bench: start on a fresh data dir → URL line (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
    const u = await pair(studioToUrlLine, bareToUrlLine);
    measured.push({
      row: row('start (fresh data dir) → URL line', u.samples, u.baseline),
      samplesMs: u.samples,
      baselineMs: u.baseline,
      baselineDescription: 'bare `node -e` http.createServer: spawn → its URL line',
    });
  }

  if (runs('cold') || runs('start')) {
    const browser = await launchBrowser();
    try {
      // Warm the browser itself (first context, first navigation) outside the timed runs.
      const warm = await browser.newContext();
      await (await warm.newPage()).goto('about:blank');
      await warm.close();
      if (runs('cold')) {
        process.stderr.write(`bench: host cold start → app shell painted in Chromium (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
        const b = await pair(() => studioToShell(browser), () => bareToStaticPage(browser));
        measured.push({
          row: row('host cold start → app shell painted', b.samples, b.baseline),
          samplesMs: b.samples,
          baselineMs: b.baseline,
          baselineDescription: 'bare `node -e` server of a one-file static HTML page: spawn → painted in the same browser',
        });
      }
      if (runs('start')) {
        process.stderr.write(`bench: start on a fresh data dir → first living feed card painted (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
        const c = await pair(() => studioToLivingCard(browser), () => bareToStaticPage(browser));
        measured.push({
          row: row('start (fresh data dir) → first living card', c.samples, c.baseline),
          samplesMs: c.samples,
          baselineMs: c.baseline,
          baselineDescription: 'bare `node -e` server of a one-file static HTML page: spawn → painted in the same browser',
        });
      }
    } finally {
      await browser.close();
    }
  }

  if (runs('feed')) measured.push(...(await benchFeedMeasured()));
  if (runs('feed-load')) measured.push(...(await (await import('./feed-load.js')).benchFeedLoadMeasured()));
  if (runs('generate')) measured.push(...(await (await import('./generate.js')).benchGenerateMeasured()));
  if (runs('media')) measured.push(...(await (await import('./media.js')).benchMediaMeasured()));
  let mcpRows: BenchRow[] = [];
  if (runs('mcp')) {
    process.stderr.write('bench: MCP tool-call latency over stdio and HTTP vs the REST API…\n');
    mcpRows = await (await import('./mcp.js')).benchMcp(BIN);
  }
  const rows = [...measured.map((m) => m.row), ...(runs('shaders') ? await benchShaders() : []), ...(runs('shots') ? await benchShots() : []), ...(runs('world') ? await benchWorld() : []), ...(runs('world') ? await (await import('./world-data.js')).benchWorldData() : []), ...(runs('world-ui') ? await (await import('./world-ui.js')).benchWorldUi() : []), ...(runs('video') ? await (await import('./video.js')).benchVideo() : []), ...(runs('liveloop') ? await (await import('./video-liveloop.js')).benchLiveloop() : []), ...(runs('relay') ? await (await import('./relay.js')).benchRelay() : []), ...(runs('world-room') ? await (await import('./world-room.js')).benchWorldRoom() : []), ...mcpRows];
  process.stdout.write('\n');
  printTable(rows);

  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  // A partial run (BENCH_ONLY) does not overwrite the full results.
  const out = resolve(outDir, ONLY ? `latest-${[...ONLY].sort().join('-')}.json` : 'latest.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        runs: RUNS,
        warmups: WARMUPS,
        totalMs: Math.round(performance.now() - started),
        rows: measured.map((m) => ({
          benchmark: m.row.benchmark,
          runs: m.row.runs,
          median: round(m.row.median),
          p90: round(m.row.p90),
          baseline: m.row.baseline === null ? null : round(m.row.baseline),
          ratio: m.row.ratio === null ? null : Math.round(m.row.ratio * 1000) / 1000,
          unit: 'ms',
          samplesMs: m.samplesMs.map(round),
          stats: roundAll(summarize(m.samplesMs)),
          baselineMs: m.baselineMs.map(round),
          baselineStats: roundAll(summarize(m.baselineMs)),
          baselineDescription: m.baselineDescription,
        })),
      },
      null,
      2,
    ) + '\n',
  );
  process.stderr.write(`bench: wrote ${out} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
