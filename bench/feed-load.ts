// Load benchmark: CLIENTS concurrent clients against a real `auteur serve` child process on
// 127.0.0.1 holding the 10k-shader feed library, for DURATION_S seconds. Each client loops:
// a feed page (following nextCursor for a few pages, then a fresh feed), a vote on one of its
// cards and a dwell report on another, pausing THINK_MS on average before each request — the
// traffic of people scrolling the feed (so 200 clients offer at most ~200 req/s). The baseline,
// measured first in the same run on the same host and client count, is GET /api/v1/health.
// Bounded: fixed client count, a deadline, a per-request timeout; the child is stopped at the end.
// `node dist/bench/feed-load.js [clients] [seconds]` runs it alone.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { feedHome } from './feed-fixture.js';
import { percentile, printTable, row, type BenchRow } from './table.js';

const LIBRARY = 10_000;
const CLIENTS = 200;
const DURATION_S = 60;
const BASELINE_S = 10;
const REQUEST_TIMEOUT_MS = 15_000;
const PAGES_PER_FEED = 5;
/** Mean pause between one client's requests (uniform 0.5×–1.5×): a person looks at a card, then acts. */
const THINK_MS = 1000;

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'bin', 'auteur.js'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

interface Host {
  base: string;
  token: string;
  /** CPU seconds (user + system) the host process has used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function startHost(home: string): Promise<Host> {
  const env: NodeJS.ProcessEnv = { ...process.env, AUTEUR_SEED_LIBRARY: '0' };
  delete env.AUTEUR_HOME;
  // FEED_LOAD_NODE_ARGS (e.g. --cpu-prof) profiles the host while developing.
  const nodeArgs = (process.env.FEED_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, join(findRoot(), 'bin', 'auteur.js'), 'serve', '--port', '0', '--home', home], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`host did not start in 60 s\n${err}`))), 60_000);
    proc.once('exit', (code) => reject(new Error(`host exited with ${code} before printing its URL\n${err}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ base: m[1]!, token: m[2]!, stop, cpuSeconds: () => procCpuSeconds(proc.pid!) });
    });
  });
}

function procCpuSeconds(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Reply {
  status: number;
  body: string;
}

/**
 * One request. A reset on a reused keep-alive socket means the server closed it as idle before
 * reading the request (its 5 s keep-alive timer won the race); like a browser, send it once more
 * on a fresh socket — counted in `retries`, never hidden.
 */
async function call(agent: Agent, host: Host, method: string, path: string, json?: unknown, t?: Tally): Promise<Reply> {
  try {
    return await send(agent, host, method, path, json);
  } catch (err) {
    if (!(err as { reusedSocket?: boolean }).reusedSocket || (err as NodeJS.ErrnoException).code !== 'ECONNRESET') throw err;
    if (t) t.retries++;
    return send(agent, host, method, path, json);
  }
}

function send(agent: Agent, host: Host, method: string, path: string, json?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(
      `${host.base}/api/v1${path}`,
      { method, agent, headers: { authorization: `Bearer ${host.token}`, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}

interface Tally {
  retries: number;
  latencies: number[];
  byKind: Map<string, number[]>;
  errors: string[];
}

async function timed(t: Tally, kind: string, f: () => Promise<Reply>): Promise<Reply | null> {
  const s = performance.now();
  try {
    const r = await f();
    const ms = performance.now() - s;
    t.latencies.push(ms);
    (t.byKind.get(kind) ?? t.byKind.set(kind, []).get(kind)!).push(ms);
    if (r.status < 200 || r.status >= 300) {
      t.errors.push(`${kind} ${r.status} ${r.body.slice(0, 160)}`);
      return null;
    }
    return r;
  } catch (err) {
    t.errors.push(`${kind} ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** One scrolling client until the deadline. */
async function scroller(agent: Agent, host: Host, t: Tally, deadline: number, seed: number): Promise<void> {
  let n = seed;
  const next = () => (n = (Math.imul(n, 1103515245) + 12345) >>> 0) / 4294967296;
  let cursor: string | null = null;
  let pages = 0;
  const think = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + next())));
  await new Promise((r) => setTimeout(r, THINK_MS * next())); // clients start spread over one think time
  while (performance.now() < deadline) {
    const q = cursor && pages < PAGES_PER_FEED ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : '?limit=20';
    if (!cursor || pages >= PAGES_PER_FEED) pages = 0;
    const page = await timed(t, 'feed', () => call(agent, host, 'GET', `/feed${q}`, undefined, t));
    if (!page) {
      cursor = null;
      continue;
    }
    const parsed = JSON.parse(page.body) as { items: { id: string }[]; nextCursor: string | null };
    cursor = parsed.nextCursor;
    pages++;
    const items = parsed.items;
    if (!items.length) continue;
    await think();
    if (performance.now() >= deadline) break;
    const voted = items[Math.floor(next() * items.length)]!.id;
    await timed(t, 'vote', () => call(agent, host, 'POST', `/shaders/${encodeURIComponent(voted)}/vote`, { value: next() < 0.8 ? 1 : -1 }, t));
    await think();
    if (performance.now() >= deadline) break;
    const watched = items[Math.floor(next() * items.length)]!.id;
    await timed(t, 'dwell', () => call(agent, host, 'POST', '/feed/dwell', { shaderId: watched, seconds: Math.round(next() * 400) / 10 }, t));
    await think();
  }
}

async function healthClient(agent: Agent, host: Host, t: Tally, deadline: number, seed: number): Promise<void> {
  let n = seed;
  const next = () => (n = (Math.imul(n, 1103515245) + 12345) >>> 0) / 4294967296;
  await new Promise((r) => setTimeout(r, THINK_MS * next()));
  while (performance.now() < deadline) {
    await timed(t, 'health', () => call(agent, host, 'GET', '/health', undefined, t));
    await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + next())));
  }
}

const newTally = (): Tally => ({ retries: 0, latencies: [], byKind: new Map(), errors: [] });

/** At most `max` samples spread evenly over the sorted distribution (what latest.json keeps). */
function thin(samples: number[], max = 2000): number[] {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length <= max) return sorted;
  return Array.from({ length: max }, (_, i) => sorted[Math.floor((i * (sorted.length - 1)) / (max - 1))]!);
}

export interface LoadMeasured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

export async function benchFeedLoadMeasured(clients = CLIENTS, seconds = DURATION_S): Promise<LoadMeasured[]> {
  const home = await feedHome(LIBRARY);
  const host = await startHost(home);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  try {
    // Warm: the first feed query builds the in-memory index (a one-off cost bench/feed.ts reports).
    const warm = newTally();
    await timed(warm, 'feed', () => call(agent, host, 'GET', '/feed?limit=20'));
    if (warm.errors.length) throw new Error(`bench: the host's feed failed: ${warm.errors[0]}`);
    process.stderr.write(`bench: load baseline, ${clients} clients on GET /health for ${BASELINE_S} s…\n`);
    const base = newTally();
    let deadline = performance.now() + BASELINE_S * 1000;
    await Promise.all(Array.from({ length: clients }, (_, i) => healthClient(agent, host, base, deadline, 104729 * (i + 1))));

    process.stderr.write(`bench: load, ${clients} clients on feed + vote + dwell for ${seconds} s…\n`);
    const t = newTally();
    const t0 = performance.now();
    const cpu0 = host.cpuSeconds();
    deadline = t0 + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, (_, i) => scroller(agent, host, t, deadline, 7919 * (i + 1))));
    const wall = (performance.now() - t0) / 1000;
    const cpuPerReq = ((host.cpuSeconds() - cpu0) * 1000) / Math.max(1, t.latencies.length);
    const p95 = (xs: number[] | undefined) => (xs?.length ? percentile(xs, 95).toFixed(0) : '—');
    const errors = t.errors.length + base.errors.length;
    if (errors) process.stderr.write(`bench: load errors (${errors}), first: ${[...base.errors, ...t.errors].slice(0, 5).join(' | ')}\n`);
    const label =
      `${clients} clients × ${seconds} s (think ${THINK_MS / 1000} s), feed + vote + dwell, ${LIBRARY / 1000}k shaders, vs GET /health, same clients ` +
      `(p95 ${p95(t.latencies)} ms: feed ${p95(t.byKind.get('feed'))}, vote ${p95(t.byKind.get('vote'))}, dwell ${p95(t.byKind.get('dwell'))}; ` +
      `${(t.latencies.length / wall).toFixed(0)} req/s, host CPU ${cpuPerReq.toFixed(1)} ms/req, ${errors} errors, ${t.retries + base.retries} keep-alive retries)`;
    return [
      {
        row: row(label, t.latencies, base.latencies),
        samplesMs: thin(t.latencies),
        baselineMs: thin(base.latencies),
        baselineDescription: `GET /api/v1/health by ${clients} concurrent keep-alive clients for ${BASELINE_S} s on the same host, same run`,
      },
    ];
  } finally {
    agent.destroy();
    await host.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [clients, seconds] = process.argv.slice(2).map(Number);
  benchFeedLoadMeasured(clients || CLIENTS, seconds || DURATION_S)
    .then((m) => printTable(m.map((x) => x.row)))
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
