// LiveLoop live HLS under load, against a real `auteur serve` child process with two library
// videos on a channel:
//  - live media playlist requests with 200 concurrent viewers (closed loop: each viewer asks again
//    as soon as it has its answer): latency and requests/s, against the same load on a static
//    media-store file (GET /api/v1/media/:id/file of an item's variant playlist) in the same run;
//  - host CPU per viewer with 200 viewers polling like hls.js (playlist + one segment every
//    target duration), read from /proc/<pid>/stat of the host, against the same cadence on static
//    files. Goal: no transcoding, so near zero.
// Standalone: `npx tsx bench/video-liveloop.ts`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { makeLibraryVideos } from './liveloop-fixture.js';
import { startBenchHost, type BenchHost } from './bench-host.js';
import { percentile, printTable, row, type BenchRow } from './table.js';

const VIEWERS = Number(process.env.BENCH_LIVELOOP_VIEWERS ?? 200);
const LOAD_MS = Number(process.env.BENCH_LIVELOOP_SECONDS ?? 8) * 1000;
const TICKS = 100; // USER_HZ on Linux

type Host = BenchHost;
const startHost = startBenchHost;

const agent = new Agent({ keepAlive: true, maxSockets: VIEWERS + 10 });

function get(host: Host, path: string, body?: unknown): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${host.base}/api/v1${path}`, { agent, method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${host.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('latin1'), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** VIEWERS clients asking back to back for LOAD_MS: every latency, and requests per second. */
async function closedLoop(host: Host, path: string): Promise<{ latencies: number[]; rps: number }> {
  const latencies: number[] = [];
  const end = performance.now() + LOAD_MS;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: VIEWERS }, async () => {
    while (performance.now() < end) {
      const r = await get(host, path);
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.text.slice(0, 200)}`);
      latencies.push(r.ms);
    }
  }));
  return { latencies, rps: latencies.length / ((performance.now() - t0) / 1000) };
}

/** VIEWERS clients polling like a player (playlist, then its newest segment, every `everyMs`): host CPU ms per viewer-second. */
async function playerCadence(host: Host, playlist: string, segment: (text: string) => string, everyMs: number): Promise<number> {
  const c0 = cpuSeconds(host.pid);
  const t0 = performance.now();
  const end = t0 + LOAD_MS;
  await Promise.all(Array.from({ length: VIEWERS }, async (_, v) => {
    await new Promise((r) => setTimeout(r, (v * everyMs) / VIEWERS)); // viewers spread over the period
    while (performance.now() < end) {
      const next = performance.now() + everyMs;
      const p = await get(host, playlist);
      await get(host, segment(p.text));
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  }));
  const wall = (performance.now() - t0) / 1000;
  return ((cpuSeconds(host.pid) - c0) * 1000) / wall / VIEWERS;
}

export async function benchLiveloop(): Promise<BenchRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-liveloop-'));
  const videos = await makeLibraryVideos(home, [
    { title: 'Bench A', color: 'teal', height: 720, seconds: 8 },
    { title: 'Bench B', color: 'gold', height: 720, seconds: 8 },
  ]);
  const host = await startHost(home);
  try {
    const channel = JSON.parse((await get(host, '/channels', { name: 'Bench' })).text) as { id: string };
    let items: { segments: { mediaId: string }[] }[] = [];
    for (const v of videos) items = (JSON.parse((await get(host, `/channels/${channel.id}/items`, { videoId: v })).text) as { items: typeof items }).items;
    const media = `/channels/${channel.id}/live/media.m3u8`;
    // The static baseline: a small media-store file through the same token check.
    const master = JSON.parse((await get(host, `/videos/${videos[0]}`)).text) as { hlsMasterMediaId: string };
    const staticFile = `/media/${master.hlsMasterMediaId}/file`;
    const staticSeg = `/media/${items[0]!.segments[0]!.mediaId}/file`;
    for (let i = 0; i < 50; i++) await Promise.all([get(host, media), get(host, staticFile)]);

    const live = await closedLoop(host, media);
    const base = await closedLoop(host, staticFile);
    const p95 = (xs: number[]) => percentile(xs, 95).toFixed(1);
    process.stderr.write(`bench liveloop: playlist ${Math.round(live.rps)} req/s p95 ${p95(live.latencies)} ms; static ${Math.round(base.rps)} req/s p95 ${p95(base.latencies)} ms\n`);

    const lastSegment = (text: string) => `/channels/${channel.id}/live/${text.trim().split('\n').at(-1)}`;
    const cpuLive = await playerCadence(host, media, lastSegment, 2000);
    const cpuStatic = await playerCadence(host, staticFile, () => staticSeg, 2000);
    process.stderr.write(`bench liveloop: host CPU per viewer ${cpuLive.toFixed(3)} ms/s live vs ${cpuStatic.toFixed(3)} ms/s static\n`);
    return [
      row(`liveloop: live media playlist, ${VIEWERS} concurrent viewers (${Math.round(live.rps)} req/s, p95 ${p95(live.latencies)} ms) vs static file (${Math.round(base.rps)} req/s, p95 ${p95(base.latencies)} ms)`, live.latencies, base.latencies),
      row(`liveloop: host CPU ms per viewer per second, ${VIEWERS} viewers polling playlist + segment every 2 s (${((cpuLive * VIEWERS) / 10).toFixed(1)}% of a core) vs static files`, [cpuLive], [cpuStatic]),
    ];
  } finally {
    await host.stop();
    agent.destroy();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await benchLiveloop());
